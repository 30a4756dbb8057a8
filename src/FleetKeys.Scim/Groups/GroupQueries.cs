using FleetKeys.Scim.Protocol;
using FleetKeys.Scim.Store;
using LinqToDB;
using LinqToDB.Data;

namespace FleetKeys.Scim.Groups;

/// <summary>A filter's comparisons as conditions on groups; "members eq" is how Entra asks whether a user is in a group.</summary>
public static class GroupQueries
{
    public static IQueryable<ScimGroupRow> Where(DataConnection db, IQueryable<ScimGroupRow> groups, Comparison comparison)
    {
        var value = Filter.Text(comparison.Value) ?? throw ScimException.BadRequest(ScimType.InvalidFilter, "compare with a value, not null");
        var key = value.ToLowerInvariant();
        var path = comparison.Path;
        return (path.Schema, path.Attribute!.ToLowerInvariant(), path.SubAttribute?.ToLowerInvariant()) switch
        {
            (null, "id", null) => groups.Where(g => g.Id == value),
            (null, "displayname", null) => groups.Where(g => g.DisplayNameKey == key),
            (null, "externalid", null) => groups.Where(g => g.ExternalId == value),
            (null, "members", null or "value") => groups.Where(g =>
                db.GetTable<ScimMemberRow>().Any(m => m.GroupId == g.Id && m.UserId == value)),
            _ => throw ScimException.BadRequest(ScimType.InvalidFilter,
                $"cannot filter by '{path}': filter groups by displayName, externalId, id or members"),
        };
    }
}
