using MeetingPrep.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MeetingPrep.Storage;

/// <summary>Lets `dotnet ef migrations add` build each provider's context without the host. Connection strings here are placeholders.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMeetingPrepDbContext>
{
    public SqliteMeetingPrepDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMeetingPrepDbContext>().UseSqlite("Data Source=design-time.db").Options, TenantScope.AllTenants());
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMeetingPrepDbContext>
{
    public PostgresMeetingPrepDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMeetingPrepDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options, TenantScope.AllTenants());
}
