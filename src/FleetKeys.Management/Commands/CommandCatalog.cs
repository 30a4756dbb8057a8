using System.Security.Claims;
using Akka.Actor;
using FleetKeys.Api.Auth;

namespace FleetKeys.Management.Commands;

/// <summary>Every palette registered in the node, found by name and described to the caller with what their role allows.</summary>
public sealed class CommandCatalog(IEnumerable<IPalette> palettes, ActorSystem system)
{
    private readonly IReadOnlyList<IPalette> _palettes = [.. palettes.OrderBy(p => p.Name, StringComparer.Ordinal)];

    public ManagementCommand? Find(string palette, string command) =>
        _palettes.FirstOrDefault(p => p.Name == palette)?.Commands.FirstOrDefault(c => c.Name == command);

    public CommandList Describe(ClaimsPrincipal caller)
    {
        var role = caller.FindFirstValue(ClaimTypes.Role) ?? "";
        return new CommandList(
            Akka.Cluster.Cluster.Get(system).SelfAddress.ToString(), caller.Identity?.Name ?? "", role,
            [.. _palettes.Select(p => new PaletteSpec(p.Name, p.Summary,
                [.. p.Commands.Select(c => c.Spec(Roles.Satisfies(role, c.Role)))]))]);
    }
}
