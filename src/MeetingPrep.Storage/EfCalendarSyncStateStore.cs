using MeetingPrep.Core.Meetings;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage;

internal sealed class EfCalendarSyncStateStore(MeetingPrepDbContext db) : ICalendarSyncStateStore
{
    public async Task<CalendarSyncState?> GetAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var row = await db.Set<CalendarSyncStateEntity>().AsNoTracking()
            .FirstOrDefaultAsync(e => e.TenantId == tenantId && e.UserId == userId, cancellationToken);
        return row is null ? null : new CalendarSyncState(row.DeltaLink, row.WindowStart, row.WindowEnd, row.UpdatedAt);
    }

    public async Task SaveAsync(string tenantId, string userId, CalendarSyncState state, CancellationToken cancellationToken)
    {
        await StageAsync(db, tenantId, userId, state, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds or updates the user's state row in <paramref name="db"/>'s unit of work, for the caller to save.</summary>
    internal static async Task StageAsync(MeetingPrepDbContext db, string tenantId, string userId, CalendarSyncState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var set = db.Set<CalendarSyncStateEntity>();
        var row = await set.FirstOrDefaultAsync(e => e.TenantId == tenantId && e.UserId == userId, cancellationToken);
        if (row is null)
        {
            row = new CalendarSyncStateEntity { TenantId = tenantId, UserId = userId, DeltaLink = state.DeltaLink };
            set.Add(row);
        }

        row.DeltaLink = state.DeltaLink;
        row.WindowStart = state.WindowStart;
        row.WindowEnd = state.WindowEnd;
        row.UpdatedAt = state.UpdatedAt;
    }

    public async Task DeleteAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        await db.Set<CalendarSyncStateEntity>()
            .Where(e => e.TenantId == tenantId && e.UserId == userId)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
