using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Security;
using MeetingPrep.Core.Users;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingPrep.Storage;

/// <summary>
/// <see cref="ICalendarMirror"/> over <c>calendar_mirror_events</c> and the sync state beside it. Each call runs in a unit
/// of work of its own, entered in the user's tenant: briefings read the mirror while their own scope reads the recipe.
/// </summary>
internal sealed class EfCalendarMirror(IServiceScopeFactory scopes) : ICalendarMirror
{
    /// <summary>The meeting's own state only (its constructor's); derived properties such as <c>People</c> are not stored.</summary>
    private static readonly JsonTypeInfo<Meeting> MeetingJson = (JsonTypeInfo<Meeting>)new JsonSerializerOptions(StorageJsonContext.Default.Options)
    {
        TypeInfoResolver = StorageJsonContext.Default.WithAddedModifier(OnlyConstructorState),
    }.GetTypeInfo(typeof(Meeting));

    public Task<CalendarSyncState?> GetStateAsync(UserRef user, CancellationToken cancellationToken) =>
        InTenantAsync(user, db => new EfCalendarSyncStateStore(db).GetAsync(user.TenantId, user.UserId, cancellationToken));

    public Task<IReadOnlyList<Meeting>> GetMeetingsAsync(UserRef user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        InTenantAsync<IReadOnlyList<Meeting>>(user, async db =>
        {
            var rows = await Events(db, user).Where(e => e.End > from && e.Start < to).OrderBy(e => e.Start)
                .Select(e => e.MeetingJson).ToListAsync(cancellationToken);
            return [.. rows.Select(Read)];
        });

    public Task<Meeting?> GetMeetingAsync(UserRef user, string meetingId, CancellationToken cancellationToken) =>
        InTenantAsync(user, async db =>
        {
            var json = await Events(db, user).Where(e => e.EventId == meetingId).Select(e => e.MeetingJson).FirstOrDefaultAsync(cancellationToken);
            return json is null ? null : Read(json);
        });

    public Task ApplyAsync(UserRef user, CalendarChanges changes, CalendarSyncState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(state);
        return InTenantAsync(user, db => db.Database.CreateExecutionStrategy().ExecuteAsync(
            async ct =>
            {
                // One transaction: the rows and the delta link that produced them are kept together or not at all.
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var gone = changes.RemovedIds.Concat(changes.Upserted.Select(m => m.Id)).Distinct(StringComparer.Ordinal).ToList();
                await (changes.IsFullSync ? Events(db, user) : Events(db, user).Where(e => gone.Contains(e.EventId))).ExecuteDeleteAsync(ct);
                db.Set<CalendarMirrorEventEntity>().AddRange(changes.Upserted.DistinctBy(m => m.Id).Select(m => new CalendarMirrorEventEntity
                {
                    TenantId = user.TenantId,
                    UserId = user.UserId,
                    EventId = m.Id,
                    Start = m.Start,
                    End = m.End,
                    MeetingJson = JsonSerializer.Serialize(m, MeetingJson),
                }));

                await EfCalendarSyncStateStore.StageAsync(db, user.TenantId, user.UserId, state, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return true;
            },
            cancellationToken));
    }

    private static IQueryable<CalendarMirrorEventEntity> Events(MeetingPrepDbContext db, UserRef user) =>
        db.Set<CalendarMirrorEventEntity>().Where(e => e.TenantId == user.TenantId && e.UserId == user.UserId);

    private static Meeting Read(string json) =>
        JsonSerializer.Deserialize(json, MeetingJson) ?? throw new InvalidDataException("A mirrored meeting is stored as JSON null.");

    private async Task<T> InTenantAsync<T>(UserRef user, Func<MeetingPrepDbContext, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(user.TenantId);
        return await work(scope.ServiceProvider.GetRequiredService<MeetingPrepDbContext>());
    }

    private static void OnlyConstructorState(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].Set is null && info.Properties[i].AssociatedParameter is null)
            {
                info.Properties.RemoveAt(i);
            }
        }
    }
}
