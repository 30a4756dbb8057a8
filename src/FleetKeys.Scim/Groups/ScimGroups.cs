using System.Text.Json.Nodes;
using FleetKeys.Scim.Protocol;
using FleetKeys.Scim.Provisioning;
using FleetKeys.Scim.Store;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace FleetKeys.Scim.Groups;

public sealed record ScimGroup(ScimGroupRow Row, IReadOnlyList<string>? Members);

/// <summary>
/// SCIM groups and their members. A membership change touches the users that joined or left (a rename touches every
/// member: it may change which entitlement group matches), and their people are brought in line before the answer.
/// </summary>
public sealed class ScimGroups(ScimDatabase database, PersonReconciler reconciler, TimeProvider clock)
{
    private static readonly Patcher Patcher = new(ScimResourceType.Group);

    public async Task<ScimGroup> Create(JsonObject body, CancellationToken cancellationToken)
    {
        var (attributes, members) = GroupResource.Normalize(body);
        var row = new ScimGroupRow { Id = Guid.NewGuid().ToString(), CreatedAt = Now };
        var touched = await database.Retrying(() => database.InTransaction(async db =>
        {
            GroupResource.Fill(row, attributes, Now);
            await EnsureUnique(db, row, cancellationToken);
            await db.InsertAsync(row, token: cancellationToken);
            return await ChangeMembers(db, row.Id, [], members, renamed: false, cancellationToken);
        }, cancellationToken));
        await reconciler.Apply(touched, cancellationToken);
        return new ScimGroup(row, members);
    }

    public async Task<ScimGroup> Get(string id, bool withMembers, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var row = await db.GetTable<ScimGroupRow>().FirstOrDefaultAsync(g => g.Id == id, cancellationToken)
                  ?? throw ScimException.NotFound($"no group with id '{id}'");
        return new ScimGroup(row, withMembers ? (await MembersOf(db, [id], cancellationToken))[id] : null);
    }

    public async Task<(int Total, List<ScimGroup> Page)> List(
        IReadOnlyList<Comparison> filter, Paging paging, bool withMembers, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var groups = filter.Aggregate(db.GetTable<ScimGroupRow>().AsQueryable(), (query, c) => GroupQueries.Where(db, query, c));
        var total = await groups.CountAsync(cancellationToken);
        var rows = paging.Count == 0 ? [] : await groups.OrderBy(g => g.Id).Skip(paging.Skip).Take(paging.Count).ToListAsync(cancellationToken);
        var members = withMembers ? await MembersOf(db, [.. rows.Select(r => r.Id)], cancellationToken) : null;
        return (total, [.. rows.Select(r => new ScimGroup(r, members?[r.Id]))]);
    }

    public Task<ScimGroup> Replace(string id, JsonObject body, CancellationToken cancellationToken) =>
        Update(id, _ => GroupResource.Normalize(body), cancellationToken);

    public Task<ScimGroup> Patch(string id, IReadOnlyList<PatchOperation> operations, CancellationToken cancellationToken) =>
        Update(id, current =>
        {
            var resource = GroupResource.WithMembers(current.Row.Resource, current.Members!);
            Patcher.Apply(resource, operations);
            return GroupResource.Normalize(resource);
        }, cancellationToken);

    public async Task Delete(string id, CancellationToken cancellationToken)
    {
        var touched = await database.Retrying(async () =>
        {
            var current = await Get(id, withMembers: true, cancellationToken);
            return await database.InTransaction(async db =>
            {
                var deleted = await db.GetTable<ScimGroupRow>().Where(g => g.Id == id && g.Revision == current.Row.Revision).DeleteAsync(cancellationToken);
                if (deleted == 0) throw new ConcurrentChange();
                return await ChangeMembers(db, id, current.Members!, [], renamed: false, cancellationToken);
            }, cancellationToken);
        });
        await reconciler.Apply(touched, cancellationToken);
    }

    private async Task<ScimGroup> Update(
        string id, Func<ScimGroup, (JsonObject Attributes, IReadOnlyList<string> Members)> change, CancellationToken cancellationToken)
    {
        var (group, touched) = await database.Retrying(async () =>
        {
            var current = await Get(id, withMembers: true, cancellationToken);
            var (attributes, members) = change(current);
            var row = current.Row;
            var (revision, nameKey) = (row.Revision, row.DisplayNameKey);
            GroupResource.Fill(row, attributes, Now);
            return await database.InTransaction(async db =>
            {
                await EnsureUnique(db, row, cancellationToken);
                var written = await db.GetTable<ScimGroupRow>()
                    .Where(g => g.Id == id && g.Revision == revision)
                    .Set(g => g.DisplayName, row.DisplayName)
                    .Set(g => g.DisplayNameKey, row.DisplayNameKey)
                    .Set(g => g.ExternalId, row.ExternalId)
                    .Set(g => g.Resource, row.Resource)
                    .Set(g => g.ModifiedAt, row.ModifiedAt)
                    .Set(g => g.Revision, row.Revision)
                    .UpdateAsync(cancellationToken);
                if (written == 0) throw new ConcurrentChange();
                var touched = await ChangeMembers(db, id, current.Members!, members, row.DisplayNameKey != nameKey, cancellationToken);
                return (new ScimGroup(row, members), touched);
            }, cancellationToken);
        });
        await reconciler.Apply(touched, cancellationToken);
        return group;
    }

    /// <summary>Adds and removes memberships; returns the users whose grants may have changed, marked for reconciliation.</summary>
    private static async Task<IReadOnlyCollection<string>> ChangeMembers(
        DataConnection db, string groupId, IReadOnlyList<string> before, IReadOnlyList<string> after, bool renamed, CancellationToken cancellationToken)
    {
        var added = after.Except(before).ToList();
        var removed = before.Except(after).ToList();
        if (added.Count > 0)
        {
            var known = await db.GetTable<ScimUserRow>().Where(u => added.Contains(u.Id) && !u.Deleted).Select(u => u.Id).ToListAsync(cancellationToken);
            if (added.Except(known).FirstOrDefault() is { } unknown)
                throw ScimException.BadRequest(ScimType.InvalidValue, $"members: no user with id '{unknown}'");
            foreach (var user in added) await db.InsertAsync(new ScimMemberRow { GroupId = groupId, UserId = user }, token: cancellationToken);
        }

        if (removed.Count > 0)
            await db.GetTable<ScimMemberRow>().Where(m => m.GroupId == groupId && removed.Contains(m.UserId)).DeleteAsync(cancellationToken);
        List<string> touched = [.. (renamed ? after : added).Union(removed)];
        if (touched.Count > 0) await Revisions.Touch(db, u => touched.Contains(u.Id));
        return touched;
    }

    private static async Task<Dictionary<string, IReadOnlyList<string>>> MembersOf(DataConnection db, List<string> groupIds, CancellationToken cancellationToken)
    {
        var rows = await db.GetTable<ScimMemberRow>().Where(m => groupIds.Contains(m.GroupId)).OrderBy(m => m.UserId).ToListAsync(cancellationToken);
        var byGroup = rows.ToLookup(m => m.GroupId, m => m.UserId);
        return groupIds.ToDictionary(id => id, IReadOnlyList<string> (id) => [.. byGroup[id]]);
    }

    private static async Task EnsureUnique(DataConnection db, ScimGroupRow row, CancellationToken cancellationToken)
    {
        if (await db.GetTable<ScimGroupRow>().AnyAsync(g => g.DisplayNameKey == row.DisplayNameKey && g.Id != row.Id, cancellationToken))
            throw ScimException.Conflict($"a group named '{row.DisplayName}' already exists");
    }

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
