using MeetingPrep.Core.Feedback;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage;

internal sealed class EfFeedbackStore(MeetingPrepDbContext db) : IFeedbackStore
{
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
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlySet<string>> GetSuppressedItemKeysAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var wrong = nameof(FeedbackKind.Wrong);
        var keys = await db.Feedback.AsNoTracking()
            .Where(f => f.TenantId == tenantId && f.UserId == userId && f.Kind == wrong && f.ItemKey != null)
            .Select(f => f.ItemKey!)
            .Distinct()
            .ToListAsync(cancellationToken);
        return keys.ToHashSet(StringComparer.Ordinal);
    }
}
