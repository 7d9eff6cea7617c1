using MeetingPrep.Core.Security;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage;

/// <summary>
/// Retention, "forget me" and export over every table that holds a person's data. Bulk deletes run through the tenant
/// query filter like every other query, so a purge in one tenant's unit of work never touches another's rows.
/// </summary>
internal sealed class EfUserDataStore(MeetingPrepDbContext db) : IUserDataStore
{
    public async Task<PurgeSummary> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        cutoff = cutoff.ToUniversalTime();
        var feedback = await db.Feedback.Where(f => f.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        var deliveries = await db.Set<BriefingDeliveryEntity>().Where(d => d.UpdatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var conversations = await db.Set<ConversationReferenceEntity>().Where(r => r.UpdatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var sync = await db.Set<CalendarSyncStateEntity>().Where(s => s.UpdatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var subscriptions = await db.Set<ChangeSubscriptionEntity>().Where(s => s.RenewedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var engagement = await db.EngagementEvents.Where(e => e.At < cutoff).ExecuteDeleteAsync(cancellationToken);
        var outcomes = await db.Set<MeetingOutcomeEntity>().Where(o => o.MeetingStart < cutoff).ExecuteDeleteAsync(cancellationToken);
        var audit = await db.Set<BriefingAuditEntity>().Where(a => a.WrittenAt < cutoff).ExecuteDeleteAsync(cancellationToken);

        // Events that ended before the cutoff, and whole mirrors no sync has kept since (their sync state went above).
        var mirror = await db.Set<CalendarMirrorEventEntity>()
            .Where(e => e.End < cutoff || !db.Set<CalendarSyncStateEntity>().Any(s => s.TenantId == e.TenantId && s.UserId == e.UserId))
            .ExecuteDeleteAsync(cancellationToken);
        return new PurgeSummary(0, feedback, deliveries, conversations, sync + subscriptions, engagement, outcomes, audit, mirror);
    }

    public async Task<PurgeSummary> ForgetUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var settings = await db.RecipePatches.Where(r => r.TenantId == tenantId && r.UserId == userId).ExecuteDeleteAsync(cancellationToken)
            + await db.Set<TeamReportSubscriptionEntity>().Where(r => r.TenantId == tenantId && r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var feedback = await db.Feedback.Where(f => f.TenantId == tenantId && f.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var deliveries = await db.Set<BriefingDeliveryEntity>().Where(d => d.TenantId == tenantId && d.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var conversations = await db.Set<ConversationReferenceEntity>().Where(r => r.TenantId == tenantId && r.UserObjectId == userId).ExecuteDeleteAsync(cancellationToken);
        var sync = await db.Set<CalendarSyncStateEntity>().Where(s => s.TenantId == tenantId && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var subscriptions = await db.Set<ChangeSubscriptionEntity>().Where(s => s.TenantId == tenantId && s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var engagement = await db.EngagementEvents.Where(e => e.TenantId == tenantId && e.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var outcomes = await db.Set<MeetingOutcomeEntity>().Where(o => o.TenantId == tenantId && o.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var audit = await db.Set<BriefingAuditEntity>().Where(a => a.TenantId == tenantId && a.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var mirror = await db.Set<CalendarMirrorEventEntity>().Where(e => e.TenantId == tenantId && e.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        return new PurgeSummary(settings, feedback, deliveries, conversations, sync + subscriptions, engagement, outcomes, audit, mirror);
    }

    public async Task<UserDataExport> ExportAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var settings = await db.RecipePatches.AsNoTracking().Where(r => r.TenantId == tenantId && r.UserId == userId).Select(r => r.Json).FirstOrDefaultAsync(cancellationToken);
        var feedback = await db.Feedback.AsNoTracking().Where(f => f.TenantId == tenantId && f.UserId == userId).ToListAsync(cancellationToken);
        var deliveries = await db.Set<BriefingDeliveryEntity>().AsNoTracking().Where(d => d.TenantId == tenantId && d.UserId == userId).ToListAsync(cancellationToken);
        var conversations = await db.Set<ConversationReferenceEntity>().AsNoTracking().Where(r => r.TenantId == tenantId && r.UserObjectId == userId).ToListAsync(cancellationToken);
        var subscriptions = await db.Set<ChangeSubscriptionEntity>().AsNoTracking().Where(s => s.TenantId == tenantId && s.UserId == userId).ToListAsync(cancellationToken);
        var sync = await db.Set<CalendarSyncStateEntity>().AsNoTracking().Where(s => s.TenantId == tenantId && s.UserId == userId).FirstOrDefaultAsync(cancellationToken);
        var audit = await db.Set<BriefingAuditEntity>().AsNoTracking().Where(a => a.TenantId == tenantId && a.UserId == userId).ToListAsync(cancellationToken);
        var outcomes = await db.Set<MeetingOutcomeEntity>().AsNoTracking().Where(o => o.TenantId == tenantId && o.UserId == userId).ToListAsync(cancellationToken);
        var teamReport = await new EfTeamReportSubscriptions(db).FindAsync(tenantId, userId, cancellationToken);
        return new UserDataExport(
            tenantId,
            userId,
            settings,
            [.. feedback.OrderBy(f => f.At).Select(f => new ExportedFeedback(f.MeetingId, f.Kind, f.ItemKey, f.Comment, f.At))],
            [.. deliveries.OrderBy(d => d.MeetingStart).Select(d => new ExportedDelivery(d.MeetingId, d.MeetingStart, d.Status, d.Attempts, d.UpdatedAt))],
            [.. conversations.OrderBy(c => c.UpdatedAt).Select(c => new ExportedConversation(c.ConversationId, c.ConversationType, c.UserPrincipalName, c.UserName, c.Locale, c.TimeZone, c.UpdatedAt))],
            [.. subscriptions.Select(s => new ExportedSubscription(s.Resource, s.Expires))],
            sync?.UpdatedAt)
        {
            BriefingAudit = [.. audit.OrderByDescending(a => a.WrittenAt).ThenByDescending(a => a.Id).Select(EfBriefingAuditLog.ToRecord)],
            Outcomes = [.. outcomes.OrderBy(o => o.MeetingStart).Select(EfMeetingOutcomeStore.ToRecord)],
            TeamReport = teamReport,
        };
    }
}
