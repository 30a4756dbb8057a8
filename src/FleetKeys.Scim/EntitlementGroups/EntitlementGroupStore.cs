using System.Linq.Expressions;
using FleetKeys.Api.Endpoints;
using FleetKeys.Scim.Provisioning;
using FleetKeys.Scim.Store;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace FleetKeys.Scim.EntitlementGroups;

public sealed record MappedScimGroup(string Id, string DisplayName, int Members);

public sealed record EntitlementGroupView(string Name, IReadOnlyList<EntitlementDto> Entitlements, IReadOnlyList<MappedScimGroup> ScimGroups);

/// <summary>
/// Entitlement groups: what membership of a SCIM group grants. Putting or deleting one touches every member of the
/// SCIM groups it names, whose people are recomputed (the union of their groups' grants) before the answer.
/// </summary>
public sealed class EntitlementGroupStore(ScimDatabase database, PersonReconciler reconciler, TimeProvider clock)
{
    public async Task<EntitlementGroupView> Put(string name, IReadOnlyList<EntitlementDto> entitlements, CancellationToken cancellationToken)
    {
        var row = new EntitlementGroupRow
        {
            NameKey = Key(name), Name = name.Trim(), Entitlements = Grants.Serialize(entitlements),
            ModifiedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        var touched = await database.Retrying(() => database.InTransaction(async db =>
        {
            await db.InsertOrReplaceAsync(row, token: cancellationToken);
            return await TouchMembers(db, row.NameKey, cancellationToken);
        }, cancellationToken));
        await reconciler.Apply(touched, cancellationToken);
        return (await Get(name, cancellationToken))!;
    }

    public async Task<bool> Delete(string name, CancellationToken cancellationToken)
    {
        var key = Key(name);
        var (deleted, touched) = await database.Retrying(() => database.InTransaction(async db =>
        {
            var count = await db.GetTable<EntitlementGroupRow>().Where(e => e.NameKey == key).DeleteAsync(cancellationToken);
            return (count > 0, await TouchMembers(db, key, cancellationToken));
        }, cancellationToken));
        await reconciler.Apply(touched, cancellationToken);
        return deleted;
    }

    public async Task<EntitlementGroupView?> Get(string name, CancellationToken cancellationToken)
    {
        var key = Key(name);
        return (await Views(e => e.NameKey == key, cancellationToken)).SingleOrDefault();
    }

    public Task<List<EntitlementGroupView>> List(CancellationToken cancellationToken) => Views(_ => true, cancellationToken);

    private async Task<List<EntitlementGroupView>> Views(Expression<Func<EntitlementGroupRow, bool>> which, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var rows = await db.GetTable<EntitlementGroupRow>().Where(which).OrderBy(e => e.NameKey).ToListAsync(cancellationToken);
        var keys = rows.Select(r => r.NameKey).ToList();
        var matched = await db.GetTable<ScimGroupRow>()
            .Where(g => keys.Contains(g.DisplayNameKey) || keys.Contains(g.Id))
            .OrderBy(g => g.DisplayNameKey)
            .Select(g => new { g.Id, g.DisplayName, g.DisplayNameKey, Members = db.GetTable<ScimMemberRow>().Count(m => m.GroupId == g.Id) })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new EntitlementGroupView(r.Name, Grants.Read(r.Entitlements),
            [.. matched.Where(g => g.DisplayNameKey == r.NameKey || g.Id == r.NameKey).Select(g => new MappedScimGroup(g.Id, g.DisplayName, g.Members))]))];
    }

    /// <summary>SCIM group names are trimmed and compared without case; so are the names that map them.</summary>
    private static string Key(string name) => name.Trim().ToLowerInvariant();

    /// <summary>The members of every SCIM group the name matches (by displayName or id), marked for reconciliation.</summary>
    private static async Task<List<string>> TouchMembers(DataConnection db, string key, CancellationToken cancellationToken)
    {
        var users = await (
            from member in db.GetTable<ScimMemberRow>()
            from scimGroup in db.GetTable<ScimGroupRow>().InnerJoin(g => g.Id == member.GroupId)
            where scimGroup.DisplayNameKey == key || scimGroup.Id == key
            select member.UserId).Distinct().ToListAsync(cancellationToken);
        if (users.Count > 0) await Revisions.Touch(db, u => users.Contains(u.Id));
        return users;
    }
}
