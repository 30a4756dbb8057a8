using FleetKeys.Scim.Protocol;
using FleetKeys.Scim.Store;

namespace FleetKeys.Scim.Users;

/// <summary>A filter's comparisons as conditions on the indexed columns; other attributes cannot be filtered by.</summary>
public static class UserQueries
{
    public static IQueryable<ScimUserRow> Where(IQueryable<ScimUserRow> users, Comparison comparison)
    {
        var value = Filter.Text(comparison.Value) ?? throw ScimException.BadRequest(ScimType.InvalidFilter, "compare with a value, not null");
        var key = value.ToLowerInvariant();
        var path = comparison.Path;
        if (path.Filter is not null)
        {
            return path is { Schema: null, SubAttribute: "value" } && path.Attribute!.Equals("emails", StringComparison.OrdinalIgnoreCase)
                                                                   && UserResource.SelectsWorkEmail(path.Filter)
                ? users.Where(u => u.WorkEmailKey == key)
                : throw ScimException.BadRequest(ScimType.InvalidFilter,
                    $"cannot filter by '{comparison.Path}': the one value filter supported is emails[type eq \"work\"].value");
        }

        return (path.Schema, path.Attribute!.ToLowerInvariant(), path.SubAttribute) switch
        {
            (null, "id", null) => users.Where(u => u.Id == value),
            (null, "username", null) => users.Where(u => u.UserNameKey == key),
            // externalId is compared exactly (caseExact, RFC 7643 §3.1).
            (null, "externalid", null) => users.Where(u => u.ExternalId == value),
            (null, "displayname", null) => users.Where(u => u.DisplayNameKey == key),
            // Unqualified "employeeNumber" is in no core schema, so it can only mean the enterprise extension's.
            (null or SchemaUrns.EnterpriseUser, "employeenumber", null) => users.Where(u => u.EmployeeNumberKey == key),
            (null, "active", null) when bool.TryParse(value, out var active) => users.Where(u => u.Active == active),
            _ => throw ScimException.BadRequest(ScimType.InvalidFilter,
                $"cannot filter by '{path}': filter users by userName, externalId, displayName, employeeNumber, emails[type eq \"work\"].value, active or id"),
        };
    }
}
