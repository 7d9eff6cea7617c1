using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage;

/// <summary>Brings a database to the current schema with the provider's own migration set.</summary>
public static class StorageInitializer
{
    public static async Task MigrateAsync(MeetingPrepDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.MigrateAsync(cancellationToken);
    }
}
