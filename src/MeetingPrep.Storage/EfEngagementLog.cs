using MeetingPrep.Core.Engagement;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage;

internal sealed class EfEngagementLog(MeetingPrepDbContext db) : IEngagementLog
{
    private const int MaxDetail = 32;

    public async Task RecordAsync(EngagementSignal signal, CancellationToken cancellationToken)
    {
        db.EngagementEvents.Add(ToEntity(signal));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task ReplaceTenantAsync(string tenantId, IReadOnlyCollection<EngagementSignal> signals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signals);
        await db.EngagementEvents.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
        db.EngagementEvents.AddRange(signals.Select(ToEntity));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static EngagementEventEntity ToEntity(EngagementSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        return new EngagementEventEntity
        {
            TenantId = signal.TenantId,
            UserId = signal.UserId,
            MeetingId = signal.MeetingId,
            MeetingStart = signal.MeetingStart,
            Kind = signal.Kind.ToString(),
            Detail = signal.Detail is { Length: > MaxDetail } d ? d[..MaxDetail] : signal.Detail,
            At = signal.At,
        };
    }

    public async Task<IReadOnlyList<EngagementSignal>> ListAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await db.EngagementEvents.AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.At >= from && e.At < to)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        return rows
            .Select(e => new EngagementSignal(e.TenantId, e.UserId, e.MeetingId, e.MeetingStart, Enum.Parse<EngagementKind>(e.Kind), e.Detail, e.At))
            .ToList();
    }
}
