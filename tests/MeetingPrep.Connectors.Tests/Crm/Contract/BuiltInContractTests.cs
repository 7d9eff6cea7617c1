using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Security;
using MeetingPrep.Storage;
using MeetingPrep.Storage.Crm;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingPrep.Connectors.Tests.Crm.Contract;

/// <summary>The CRM contract against the built-in CRM, as the host registers it, on a migrated SQLite database.</summary>
public sealed class BuiltInContractTests : CrmSourceContractTests
{
    private readonly string _connectionString = $"Data Source=crm-contract-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
    private readonly List<IAsyncDisposable> _owned = [];

    public override async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected override string IdOf(int n) => $"rec-{n}";

    protected override async Task<ICrmSource> SourceAsync(CrmContext world)
    {
        // A shared in-memory database lives as long as one connection to it is open.
        var keepAlive = new SqliteConnection(_connectionString);
        await keepAlive.OpenAsync(Ct);
        _owned.Add(keepAlive);

        var services = new ServiceCollection()
            .AddStorage(new StorageOptions { ConnectionString = _connectionString })
            .AddBuiltInCrm()
            .BuildServiceProvider();
        _owned.Add(services);
        var scope = services.CreateAsyncScope();
        _owned.Add(scope);
        // The built-in CRM's rows belong to a tenant: the contract is read, like a briefing, inside one.
        scope.ServiceProvider.GetRequiredService<TenantScope>().Enter("aaaaaaaa-0000-4000-8000-000000000001");

        await StorageInitializer.MigrateAsync(scope.ServiceProvider.GetRequiredService<MeetingPrepDbContext>(), Ct);
        await scope.ServiceProvider.GetRequiredService<IBuiltInCrmStore>().ReplaceAllAsync(world, Ct);
        return scope.ServiceProvider.GetRequiredService<ICrmSource>();
    }
}
