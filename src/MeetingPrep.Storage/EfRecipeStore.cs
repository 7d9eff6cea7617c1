using System.Text.Json;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage;

internal sealed class EfRecipeStore(MeetingPrepDbContext db, TimeProvider time) : IRecipeStore
{
    /// <summary>The team's patch is stored with an empty user id.</summary>
    private const string TeamUserId = "";

    public Task<RecipePatch?> GetTeamPatchAsync(string tenantId, CancellationToken cancellationToken) =>
        GetAsync(tenantId, TeamUserId, cancellationToken);

    public Task<RecipePatch?> GetUserPatchAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        GetAsync(tenantId, userId, cancellationToken);

    public Task SaveTeamPatchAsync(string tenantId, RecipePatch patch, CancellationToken cancellationToken) =>
        SaveAsync(tenantId, TeamUserId, patch, cancellationToken);

    public Task SaveUserPatchAsync(string tenantId, string userId, RecipePatch patch, CancellationToken cancellationToken) =>
        SaveAsync(tenantId, userId, patch, cancellationToken);

    private async Task<RecipePatch?> GetAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var row = await db.RecipePatches.AsNoTracking()
            .FirstOrDefaultAsync(r => r.TenantId == tenantId && r.UserId == userId, cancellationToken);
        return row is null ? null : JsonSerializer.Deserialize(row.Json, StorageJsonContext.Default.RecipePatch);
    }

    private async Task SaveAsync(string tenantId, string userId, RecipePatch patch, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(patch, StorageJsonContext.Default.RecipePatch);
        var row = await db.RecipePatches.FirstOrDefaultAsync(r => r.TenantId == tenantId && r.UserId == userId, cancellationToken);
        if (row is null)
        {
            db.RecipePatches.Add(new RecipePatchEntity { TenantId = tenantId, UserId = userId, Json = json, UpdatedAt = time.GetUtcNow() });
        }
        else
        {
            row.Json = json;
            row.UpdatedAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
