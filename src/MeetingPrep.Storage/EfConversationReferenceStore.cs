using MeetingPrep.Core.Delivery;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingPrep.Storage;

internal sealed class EfConversationReferenceStore(MeetingPrepDbContext db) : IConversationReferenceStore
{
    private DbSet<ConversationReferenceEntity> References => db.Set<ConversationReferenceEntity>();

    public async Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        try
        {
            await UpsertAsync(reference, cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Teams sends installationUpdate, conversationUpdate and the first message at once: another request inserted
            // the same conversation first. Forget our pending insert and update the row it wrote.
            db.ChangeTracker.Clear();
            await UpsertAsync(reference, cancellationToken);
        }
    }

    private async Task UpsertAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        var row = await References.FirstOrDefaultAsync(
            r => r.TenantId == reference.TenantId && r.ConversationId == reference.ConversationId, cancellationToken);
        if (row is null)
        {
            row = new ConversationReferenceEntity
            {
                TenantId = reference.TenantId,
                ConversationId = reference.ConversationId,
                ServiceUrl = reference.ServiceUrl,
                ChannelId = reference.ChannelId,
                ConversationType = reference.ConversationType,
                BotId = reference.BotId,
            };
            References.Add(row);
        }

        row.ServiceUrl = reference.ServiceUrl;
        row.ChannelId = reference.ChannelId;
        row.ConversationType = reference.ConversationType;
        row.BotId = reference.BotId;

        // Later activities may lack what an earlier one told us (a upn from the member API): keep the known value.
        row.TeamsUserId = reference.TeamsUserId ?? row.TeamsUserId;
        row.UserObjectId = reference.UserObjectId ?? row.UserObjectId;
        row.UserPrincipalName = reference.UserPrincipalName ?? row.UserPrincipalName;
        row.UserName = reference.UserName ?? row.UserName;
        row.Locale = reference.Locale ?? row.Locale;
        row.TimeZone = reference.TimeZone ?? row.TimeZone;
        row.IsUsable = true;
        row.UpdatedAt = reference.UpdatedAt;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ConversationReference?> GetAsync(string tenantId, string conversationId, CancellationToken cancellationToken)
    {
        var row = await References.AsNoTracking()
            .FirstOrDefaultAsync(r => r.TenantId == tenantId && r.ConversationId == conversationId, cancellationToken);
        return row is null ? null : ToReference(row);
    }

    public async Task<ConversationReference?> FindPersonalAsync(string tenantId, string userObjectId, CancellationToken cancellationToken)
    {
        var rows = await References.AsNoTracking()
            .Where(r => r.TenantId == tenantId && r.UserObjectId == userObjectId && r.ConversationType == "personal" && r.IsUsable)
            .ToListAsync(cancellationToken);
        return rows.OrderByDescending(r => r.UpdatedAt).Select(ToReference).FirstOrDefault();
    }

    public async Task RemoveAsync(string tenantId, string conversationId, CancellationToken cancellationToken) =>
        await References.Where(r => r.TenantId == tenantId && r.ConversationId == conversationId).ExecuteDeleteAsync(cancellationToken);

    public async Task MarkUnusableAsync(string tenantId, string conversationId, CancellationToken cancellationToken) =>
        await References.Where(r => r.TenantId == tenantId && r.ConversationId == conversationId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.IsUsable, false), cancellationToken);

    private static ConversationReference ToReference(ConversationReferenceEntity row) => new(
        row.TenantId,
        row.ConversationId,
        row.ServiceUrl,
        row.ChannelId,
        row.ConversationType,
        row.BotId,
        row.TeamsUserId,
        row.UserObjectId,
        row.UserPrincipalName,
        row.UserName,
        row.Locale,
        row.TimeZone,
        row.IsUsable,
        row.UpdatedAt);
}

public static class ConversationReferenceStorageExtensions
{
    /// <summary>The EF store for Teams conversation references; call after <c>AddStorage</c>.</summary>
    public static IServiceCollection AddConversationReferenceStore(this IServiceCollection services) =>
        services.AddScoped<IConversationReferenceStore, EfConversationReferenceStore>();
}
