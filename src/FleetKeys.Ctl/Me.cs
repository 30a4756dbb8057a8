using System.Text.Json;
using FleetKeys.Ctl.Output;

namespace FleetKeys.Ctl;

/// <summary>
/// "fleetctl me": the node's answer to who the API key is and what it holds where. Roles are the node's to decide; this only
/// shows them, one grant a line (a role preset or a permission set), then each permission the grants come to and where.
/// </summary>
public static class Me
{
    public static async Task<int> Run(NodeClient client, bool json, TextWriter output, TextWriter error)
    {
        var reply = await client.Me();
        if (reply.Error is not null) return error.Report(reply.ExitCode, reply.Error);
        if (json)
        {
            Renderer.Json(output, reply.Data);
            return ExitCodes.Ok;
        }

        var me = reply.Data;
        output.WriteLine($"{me.GetProperty("principal").GetString()} ({me.GetProperty("principalKind").GetString()})");
        var grants = me.GetProperty("grants").EnumerateArray().ToList();
        if (grants.Count == 0)
        {
            output.WriteLine("no grants: this key may ask who it is and nothing else");
            return ExitCodes.Ok;
        }

        Table.Write(output, ["role", "over", "grant"],
            [.. grants.Select(g => (IReadOnlyList<string>)[Text(g, "role") ?? $"set {Text(g, "permissionSet")}", Over(g), Text(g, "id") ?? "configured"])]);
        // What the grants come to, as the node counts it: each permission and where it is held.
        if (me.TryGetProperty("permissions", out var permissions))
        {
            output.WriteLine();
            Table.Write(output, ["permission", "over"],
                [.. permissions.EnumerateArray().Select(p => (IReadOnlyList<string>)[p.GetProperty("permission").GetString()!,
                    string.Join("; ", p.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()))])]);
        }

        return ExitCodes.Ok;
    }

    /// <summary>"everything", "region north", "site harbour", "key groups vans, trucks".</summary>
    private static string Over(JsonElement grant) => grant.GetProperty("scope").GetString() switch
    {
        "region" => $"region {Text(grant, "regionId")}",
        "site" => $"site {Text(grant, "siteId")}",
        "keyGroups" => $"key groups {string.Join(", ", grant.GetProperty("keyGroups").EnumerateArray().Select(g => g.GetString()))}",
        var other => other ?? "",
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
