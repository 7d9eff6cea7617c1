using System.Text.Json;
using System.Text.Json.Serialization;
using MeetingPrep.Core.Outcomes;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage;

internal sealed class EfMeetingOutcomeStore(MeetingPrepDbContext db) : IMeetingOutcomeStore
{
    public async Task<bool> AddAsync(MeetingOutcomeRecord record, CancellationToken cancellationToken)
    {
        var entity = ToEntity(record);
        db.Set<MeetingOutcomeEntity>().Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another instance followed it first.
            db.Entry(entity).State = EntityState.Detached;
            return false;
        }
    }

    public async Task<IReadOnlySet<string>> FollowedAsync(string tenantId, string userId, IReadOnlyCollection<string> meetingIds, CancellationToken cancellationToken) =>
        (await db.Set<MeetingOutcomeEntity>().AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.UserId == userId && meetingIds.Contains(e.MeetingId))
            .Select(e => e.MeetingId)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    public async Task<IReadOnlyList<MeetingOutcomeRecord>> ListAwaitingFollowUpAsync(DateTimeOffset startedBefore, int max, CancellationToken cancellationToken)
    {
        var before = startedBefore.ToUniversalTime();
        var rows = await db.Set<MeetingOutcomeEntity>().AsNoTracking()
            .Where(e => e.FollowedUpAt == null && e.MeetingStart < before)
            .OrderBy(e => e.MeetingStart).ThenBy(e => e.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToRecord)];
    }

    public async Task CompleteAsync(MeetingOutcomeRecord record, AccountSnapshot after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(after);
        var json = JsonSerializer.Serialize(after, OutcomeJsonContext.Default.AccountSnapshot);
        DateTimeOffset? at = after.TakenAt.ToUniversalTime();
        await db.Set<MeetingOutcomeEntity>()
            .Where(e => e.TenantId == record.TenantId && e.UserId == record.UserId && e.MeetingId == record.MeetingId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.AfterJson, json).SetProperty(e => e.FollowedUpAt, at), cancellationToken);
    }

    public async Task<IReadOnlyList<MeetingOutcomeRecord>> ListCompletedAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var (start, end) = (from.ToUniversalTime(), to.ToUniversalTime());
        var rows = await db.Set<MeetingOutcomeEntity>().AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.FollowedUpAt != null && e.MeetingStart >= start && e.MeetingStart < end)
            .OrderBy(e => e.MeetingStart).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToRecord)];
    }

    public async Task ReplaceTenantAsync(string tenantId, IReadOnlyCollection<MeetingOutcomeRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await db.Set<MeetingOutcomeEntity>().Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken);
        db.Set<MeetingOutcomeEntity>().AddRange(records.Select(ToEntity));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static MeetingOutcomeEntity ToEntity(MeetingOutcomeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new MeetingOutcomeEntity
        {
            TenantId = record.TenantId,
            UserId = record.UserId,
            MeetingId = record.MeetingId,
            MeetingStart = record.MeetingStart,
            Briefed = record.Briefed,
            NotBriefedReason = record.NotBriefedReason,
            AtMeetingJson = JsonSerializer.Serialize(record.AtMeeting, OutcomeJsonContext.Default.AccountSnapshot),
            AfterJson = record.After is null ? null : JsonSerializer.Serialize(record.After, OutcomeJsonContext.Default.AccountSnapshot),
            FollowedUpAt = record.After?.TakenAt,
        };
    }

    internal static MeetingOutcomeRecord ToRecord(MeetingOutcomeEntity e) => new(
        e.TenantId,
        e.UserId,
        e.MeetingId,
        e.MeetingStart,
        e.Briefed,
        e.NotBriefedReason,
        Snapshot(e.AtMeetingJson),
        e.AfterJson is null ? null : Snapshot(e.AfterJson));

    private static AccountSnapshot Snapshot(string json) =>
        JsonSerializer.Deserialize(json, OutcomeJsonContext.Default.AccountSnapshot) ?? throw new InvalidDataException("An outcome snapshot row holds no snapshot.");
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(AccountSnapshot))]
internal sealed partial class OutcomeJsonContext : JsonSerializerContext;
