using System.Text.Json;
using System.Text.Json.Serialization;
using FleetKeys.Api.Endpoints;
using FleetKeys.Api.Problems;
using FleetKeys.Domain.People;

namespace FleetKeys.Scim.EntitlementGroups;

/// <summary>An entitlement group's grants, stored in the management API's own entitlement shape so they read back as written.</summary>
public static class Grants
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(IReadOnlyList<EntitlementDto> grants) => JsonSerializer.Serialize(grants, Json);

    public static IReadOnlyList<EntitlementDto> Read(string json) => JsonSerializer.Deserialize<List<EntitlementDto>>(json, Json) ?? [];

    /// <summary>Stored grants were validated when they were put, so each converts.</summary>
    public static IEnumerable<Entitlement> Entitlements(string json) =>
        Read(json).Select(dto => PeopleEndpoints.ToEntitlement(dto, "", new Validator())!);
}
