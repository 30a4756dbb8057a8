using System.Text.Json.Nodes;
using FleetKeys.Scim.Protocol;
using FleetKeys.Scim.Provisioning;
using FleetKeys.Scim.Store;
using FleetKeys.Domain.Ids;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Scim.Users;

/// <summary>
/// SCIM users: each write stores the user (unique userName and badge), then brings its person in line before answering,
/// so a provider that is told "deactivated" can rely on the person being revoked.
/// </summary>
public sealed class ScimUsers(
    ScimDatabase database, PersonReconciler reconciler, BadgeOwners badges, ScimSettings settings, TimeProvider clock, ILogger<ScimUsers> log,
    FleetKeys.Api.Endpoints.PersonErasures erasures)
{
    private static readonly Patcher Patcher = new(ScimResourceType.User);

    private readonly AttributePath? _badgeAttribute = settings.BadgePath;

    public async Task<ScimUserRow> Create(JsonObject body, CancellationToken cancellationToken)
    {
        var attributes = UserResource.Normalize(body, wasActive: null);
        var row = new ScimUserRow { Id = Guid.NewGuid().ToString(), CreatedAt = Now };
        var (badge, owner) = await CheckedBadge(attributes, row.Id);
        var gaveUp = await database.Retrying(() => database.InTransaction(async db =>
        {
            var previous = await TakeBadge(db, row.Id, badge, cancellationToken);
            await EnsureUnique(db, row.Id, attributes, badge);
            UserResource.Fill(row, attributes, badge, Now);
            await db.InsertAsync(row, token: cancellationToken);
            return previous;
        }, cancellationToken));
        await Reconcile(row.Id, [owner, gaveUp], cancellationToken);
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

    /// <summary>
    /// The user becomes a tombstone and leaves its groups; its person is terminated and its badge freed. With
    /// <see cref="ScimSettings.EraseOnDelete"/> the person is erased too, unless they hold a key (then it is logged and left).
    /// </summary>
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
        if (!settings.EraseOnDelete) return;
        var erased = await erasures.Erase(new PersonId(id), "SCIM user deleted", "scim", cancellationToken);
        if (erased.Rejection is { } refused)
            log.LogWarning("SCIM user {Person} deleted, but the person was not erased: {Refusal}", id, refused.Message);
    }

    /// <summary>Reads, changes and writes the user, again from a fresh read if another request changed it in between.</summary>
    private async Task<ScimUserRow> Update(string id, Func<ScimUserRow, JsonObject> change, CancellationToken cancellationToken)
    {
        PersonId? owner = null;
        var (row, gaveUp) = await database.Retrying(async () =>
        {
            var current = await Get(id, cancellationToken);
            var revision = current.Revision;
            var attributes = change(current);
            (var badge, owner) = await CheckedBadge(attributes, id);
            return await database.InTransaction(async db =>
            {
                var previous = await TakeBadge(db, id, badge, cancellationToken);
                await EnsureUnique(db, id, attributes, badge);
                UserResource.Fill(current, attributes, badge, Now);
                await Overwrite(db, current, revision, cancellationToken);
                return (current, previous);
            }, cancellationToken);
        });
        await Reconcile(id, [owner, gaveUp], cancellationToken);
        return row;
    }

    /// <summary>
    /// The users who gave up the badge go first: their people must lose it before this user's person can be given it.
    /// </summary>
    private async Task Reconcile(string id, PersonId?[] gaveUpBadge, CancellationToken cancellationToken)
    {
        var first = gaveUpBadge.OfType<PersonId>().Select(p => p.Value).Where(p => p != id).Distinct().ToList();
        if (first.Count > 0) await reconciler.Apply(first, cancellationToken);
        await reconciler.Apply([id], cancellationToken);
    }

    private async Task<(BadgeNumber? Badge, PersonId? Owner)> CheckedBadge(JsonObject attributes, string userId)
    {
        var badge = UserResource.Badge(attributes, _badgeAttribute);
        var owner = await badges.EnsureAvailable(badge, userId, _badgeAttribute?.ToString() ?? "", IsUser);
        return (badge, owner);
    }

    private async Task<bool> IsUser(PersonId person)
    {
        await using var db = database.Open();
        return await db.GetTable<ScimUserRow>().AnyAsync(u => u.Id == person.Value);
    }

    /// <summary>
    /// A badge the provider gives to this user while another user still carries it has moved, in whichever order the
    /// provider sends the two changes within a provisioning cycle: the other user loses it (its badge attribute is
    /// removed, so a later change to it does not take the badge back) and its person gives it up first.
    /// </summary>
    private async Task<PersonId?> TakeBadge(DataConnection db, string id, BadgeNumber? badge, CancellationToken cancellationToken)
    {
        var number = badge?.Value;
        if (number is null || _badgeAttribute is null) return null;
        var holder = await db.GetTable<ScimUserRow>().FirstOrDefaultAsync(u => u.Badge == number && u.Id != id, cancellationToken);
        if (holder is null) return null;
        var revision = holder.Revision;
        var resource = ScimJson.Parse(holder.Resource);
        Patcher.Apply(resource, [new PatchOperation(PatchOp.Remove, _badgeAttribute, null)]);
        UserResource.Fill(holder, resource, null, Now);
        await Overwrite(db, holder, revision, cancellationToken);
        log.LogInformation("Badge {Badge} moved from SCIM user {From} to {To}", badge!.Value.Masked, holder.Id, id);
        return new PersonId(holder.Id);
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
