using System.Text.Json;
using MeetingPrep.Core.Briefings.Audit;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage;

internal sealed class EfBriefingAuditLog(MeetingPrepDbContext db) : IBriefingAuditLog
{
    public async Task RecordAsync(BriefingAuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        db.Set<BriefingAuditEntity>().Add(new BriefingAuditEntity
        {
            TenantId = record.TenantId,
            UserId = record.UserId,
            MeetingId = record.MeetingId,
            MeetingStart = record.MeetingStart,
            WrittenAt = record.WrittenAt,
            Writer = record.Writer,
            Model = record.Model,
            FellBack = record.FellBack,
            SourcesJson = JsonSerializer.Serialize(record.Sources, StorageJsonContext.Default.IReadOnlyListSourceRead),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<BriefingAuditRecord>> ListForMeetingAsync(string tenantId, string userId, string meetingId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<BriefingAuditEntity>().AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.UserId == userId && e.MeetingId == meetingId)
            .OrderByDescending(e => e.WrittenAt).ThenByDescending(e => e.Id)
            .Take(100)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToRecord)];
    }

    public async Task<IReadOnlyList<BriefingAuditRecord>> ListAsync(
        string tenantId, string? userId, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        from = from.ToUniversalTime();
        to = to.ToUniversalTime();
        var rows = await db.Set<BriefingAuditEntity>().AsNoTracking()
            .Where(e => e.TenantId == tenantId && (userId == null || e.UserId == userId) && e.WrittenAt >= from && e.WrittenAt < to)
            .OrderByDescending(e => e.WrittenAt).ThenByDescending(e => e.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToRecord)];
    }

    internal static BriefingAuditRecord ToRecord(BriefingAuditEntity e) => new(
        e.TenantId,
        e.UserId,
        e.MeetingId,
        e.MeetingStart,
        e.WrittenAt,
        e.Writer,
        e.Model,
        e.FellBack,
        JsonSerializer.Deserialize(e.SourcesJson, StorageJsonContext.Default.IReadOnlyListSourceRead) ?? []);
}
