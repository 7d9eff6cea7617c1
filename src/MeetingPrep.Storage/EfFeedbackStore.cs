using MeetingPrep.Core.Feedback;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage;

internal sealed class EfFeedbackStore(MeetingPrepDbContext db) : IFeedbackStore
{
    private const int MaxTitleLength = 300;

    private static readonly string Wrong = nameof(FeedbackKind.Wrong);

    public async Task AddAsync(FeedbackEntry entry, CancellationToken cancellationToken)
    {
        db.Feedback.Add(new FeedbackEntity
        {
            TenantId = entry.TenantId,
            UserId = entry.UserId,
            MeetingId = entry.MeetingId,
            ItemKey = entry.ItemKey,
            Kind = entry.Kind.ToString(),
            Comment = entry.Comment is { Length: > 2000 } c ? c[..2000] : entry.Comment,
            At = entry.At,
            SourceKind = entry.Record?.Kind,
            SourceId = entry.Record?.Id,
            SourceVersion = entry.Record?.Version,
            SourceTitle = entry.Record?.Title is { Length: > MaxTitleLength } t ? t[..MaxTitleLength] : entry.Record?.Title,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlySet<string>> GetSuppressedItemKeysAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        // Flags bound to a record are applied by record and version (WrongFlags), so a newer version brings the line back.
        var keys = await db.Feedback.AsNoTracking()
            .Where(f => f.TenantId == tenantId && f.UserId == userId && f.Kind == Wrong && f.ItemKey != null && f.SourceId == null)
            .Select(f => f.ItemKey!)
            .Distinct()
            .ToListAsync(cancellationToken);
        return keys.ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<WrongFlag>> GetWrongFlagsAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var rows = await db.Feedback.AsNoTracking()
            .Where(f => f.TenantId == tenantId && f.UserId == userId && f.Kind == Wrong)
            .OrderByDescending(f => f.Id)
            .ToListAsync(cancellationToken);
        return rows.Select(f => new WrongFlag(
                f.Id,
                f.MeetingId,
                f.ItemKey,
                f.SourceId is null ? null : new FlaggedRecord(f.SourceKind ?? string.Empty, f.SourceId, f.SourceVersion ?? string.Empty, f.SourceTitle ?? f.SourceId),
                f.Comment,
                f.At))
            .ToList();
    }

    public async Task<bool> RemoveWrongFlagAsync(string tenantId, string userId, long id, CancellationToken cancellationToken) =>
        await db.Feedback
            .Where(f => f.Id == id && f.TenantId == tenantId && f.UserId == userId && f.Kind == Wrong)
            .ExecuteDeleteAsync(cancellationToken) > 0;
}
