using System.Text.Json.Nodes;
using FleetKeys.Api.Scim.Protocol;
using FleetKeys.Api.Scim.Provisioning;
using FleetKeys.Api.Scim.Store;
using FleetKeys.Domain.Ids;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace FleetKeys.Api.Scim.Users;

/// <summary>
/// SCIM users: each write stores the user (unique userName and badge), then brings its person in line before answering,
/// so a provider that is told "deactivated" can rely on the person being revoked.
/// </summary>
public sealed class ScimUsers(ScimDatabase database, PersonReconciler reconciler, BadgeOwners badges, ScimSettings settings, TimeProvider clock)
{
    private static readonly Patcher Patcher = new(ScimResourceType.User);

    private readonly AttributePath? _badgeAttribute = settings.BadgePath;

    public async Task<ScimUserRow> Create(JsonObject body, CancellationToken cancellationToken)
    {
        var attributes = UserResource.Normalize(body, wasActive: null);
        var row = new ScimUserRow { Id = Guid.NewGuid().ToString(), CreatedAt = Now };
        var badge = await CheckedBadge(attributes, row.Id);
        await database.Retrying(() => database.InTransaction(async db =>
        {
            await EnsureUnique(db, row.Id, attributes, badge);
            UserResource.Fill(row, attributes, badge, Now);
            return await db.InsertAsync(row, token: cancellationToken);
        }, cancellationToken));
        await reconciler.Apply([row.Id], cancellationToken);
        return row;
    }

    public async Task<ScimUserRow> Get(string id, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        return await Find(db, id, cancellationToken);
    }

    public async Task<(int Total, List<ScimUserRow> Page)> List(IReadOnlyList<Comparison> filter, Paging paging, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var users = filter.Aggregate(db.GetTable<ScimUserRow>().Where(u => !u.Deleted), UserQueries.Where);
        var total = await users.CountAsync(cancellationToken);
        var page = paging.Count == 0 ? [] : await users.OrderBy(u => u.Id).Skip(paging.Skip).Take(paging.Count).ToListAsync(cancellationToken);
        return (total, page);
    }

    public Task<ScimUserRow> Replace(string id, JsonObject body, CancellationToken cancellationToken) =>
        Update(id, current => UserResource.Normalize(body, current.Active), cancellationToken);

    public Task<ScimUserRow> Patch(string id, IReadOnlyList<PatchOperation> operations, CancellationToken cancellationToken) =>
        Update(id, current =>
        {
            var resource = ScimJson.Parse(current.Resource);
            Patcher.Apply(resource, operations);
            return UserResource.Normalize(resource, current.Active);
        }, cancellationToken);

    /// <summary>The user becomes a tombstone and leaves its groups; its person is terminated and its badge freed.</summary>
    public async Task Delete(string id, CancellationToken cancellationToken)
    {
        await database.Retrying(async () =>
        {
            var current = await Get(id, cancellationToken);
            var revision = current.Revision;
            current.Deleted = true;
            current.UserNameKey = null;
            UserResource.ChangeBadge(current, null);
            current.ModifiedAt = Now;
            current.Revision++;
            return await database.InTransaction(async db =>
            {
                await Overwrite(db, current, revision, cancellationToken);
                return await db.GetTable<ScimMemberRow>().Where(m => m.UserId == id).DeleteAsync(cancellationToken);
            }, cancellationToken);
        });
        await reconciler.Apply([id], cancellationToken);
    }

    /// <summary>Reads, changes and writes the user, again from a fresh read if another request changed it in between.</summary>
    private async Task<ScimUserRow> Update(string id, Func<ScimUserRow, JsonObject> change, CancellationToken cancellationToken)
    {
        var row = await database.Retrying(async () =>
        {
            var current = await Get(id, cancellationToken);
            var revision = current.Revision;
            var attributes = change(current);
            var badge = await CheckedBadge(attributes, id);
            return await database.InTransaction(async db =>
            {
                await EnsureUnique(db, id, attributes, badge);
                UserResource.Fill(current, attributes, badge, Now);
                await Overwrite(db, current, revision, cancellationToken);
                return current;
            }, cancellationToken);
        });
        await reconciler.Apply([id], cancellationToken);
        return row;
    }

    private async Task<BadgeNumber?> CheckedBadge(JsonObject attributes, string userId)
    {
        var badge = UserResource.Badge(attributes, _badgeAttribute);
        await badges.EnsureAvailable(badge, userId, _badgeAttribute?.ToString() ?? "");
        return badge;
    }

    private async Task EnsureUnique(DataConnection db, string id, JsonObject attributes, BadgeNumber? badge)
    {
        var userName = UserResource.UserNameOf(attributes);
        var key = userName.ToLowerInvariant();
        if (await db.GetTable<ScimUserRow>().AnyAsync(u => u.UserNameKey == key && u.Id != id))
            throw ScimException.Conflict($"userName '{userName}' is already taken");
        var number = badge?.Value;
        if (number is not null && await db.GetTable<ScimUserRow>().AnyAsync(u => u.Badge == number && u.Id != id))
            throw ScimException.Conflict($"badge {number} (the user's {_badgeAttribute}) belongs to another user");
    }

    private static async Task<ScimUserRow> Find(DataConnection db, string id, CancellationToken cancellationToken) =>
        await db.GetTable<ScimUserRow>().FirstOrDefaultAsync(u => u.Id == id && !u.Deleted, cancellationToken)
        ?? throw ScimException.NotFound($"no user with id '{id}'");

    /// <summary>Writes the row only if nobody changed it since it was read at <paramref name="revision"/>.</summary>
    private static async Task Overwrite(DataConnection db, ScimUserRow row, long revision, CancellationToken cancellationToken)
    {
        var written = await db.GetTable<ScimUserRow>()
            .Where(u => u.Id == row.Id && u.Revision == revision)
            .Set(u => u.UserNameKey, row.UserNameKey)
            .Set(u => u.ExternalId, row.ExternalId)
            .Set(u => u.DisplayNameKey, row.DisplayNameKey)
            .Set(u => u.EmployeeNumberKey, row.EmployeeNumberKey)
            .Set(u => u.WorkEmailKey, row.WorkEmailKey)
            .Set(u => u.Badge, row.Badge)
            .Set(u => u.RetiredBadges, row.RetiredBadges)
            .Set(u => u.Active, row.Active)
            .Set(u => u.Deleted, row.Deleted)
            .Set(u => u.Resource, row.Resource)
            .Set(u => u.ModifiedAt, row.ModifiedAt)
            .Set(u => u.Revision, row.Revision)
            .Set(u => u.Pending, true)
            .UpdateAsync(cancellationToken);
        if (written == 0) throw new ConcurrentChange();
    }

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
