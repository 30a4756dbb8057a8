using System.Text.Json.Serialization;
using Akka.Actor;
using FleetKeys.Management.Commands;
using Microsoft.AspNetCore.Http;
using static FleetKeys.Management.Commands.Answer;
using static FleetKeys.Management.Commands.ManagementCommand;

namespace FleetKeys.Management.Palettes;

/// <param name="Actor">The actor's name, indented by its depth below the root, so the table reads as a tree.</param>
/// <param name="Children">How many children it has, shown or not.</param>
public sealed record ActorRow(string Actor, int Children, string Path);

/// <param name="NotShown">Actors within the depth left out past the row limit; absent when none were.</param>
public sealed record HierarchyView(
    IReadOnlyList<ActorRow> Actors, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? NotShown);

/// <summary>
/// This node's actor tree under /user and /system (or one path), to a depth. It walks the local actors' children
/// directly rather than broadcasting Identify: the answer is complete and immediate, with no collection window to guess.
/// </summary>
public sealed class ActorsPalette(ActorSystem system) : IPalette
{
    /// <summary>A node with a busy shard can have thousands of entities; the listing stops here and says how many it left out.</summary>
    private const int MaxRows = 500;

    public string Name => "actors";

    public string Summary => "this node's actor hierarchy";

    public IReadOnlyList<ManagementCommand> Commands =>
    [
        Read("hierarchy", "actors under /user and /system (or under a path), to a depth", Hierarchy,
            ArgumentSpec.Optional("depth", "levels below each root to show, 1-10 (default 3)"),
            ArgumentSpec.Optional("path", "start here instead, e.g. /system/sharding")),
    ];

    private async Task<IResult> Hierarchy(CommandArguments args, CancellationToken cancellationToken)
    {
        var depth = args.Int("depth", 3, 1, 10);
        var path = args.OptionalText("path");
        if (!args.Check.IsValid) return args.Check.Problem();

        var extended = (ExtendedActorSystem)system;
        IReadOnlyList<IActorRef> roots = [extended.Guardian, extended.SystemGuardian];
        if (path is not null)
        {
            try
            {
                roots = [await system.ActorSelection(path).ResolveOne(TimeSpan.FromSeconds(3), cancellationToken)];
            }
            catch (ActorNotFoundException)
            {
                return await Problem(StatusCodes.Status404NotFound, $"no actor at {path} on this node");
            }
        }

        var rows = new List<ActorRow>();
        var notShown = 0;
        foreach (var root in roots) Walk(root, 0, depth, rows, ref notShown);
        return Results.Ok(new HierarchyView(rows, notShown == 0 ? null : notShown));
    }

    private static void Walk(IActorRef actor, int level, int depth, List<ActorRow> rows, ref int notShown)
    {
        var children = actor is ActorRefWithCell local
            ? local.Children.OrderBy(c => c.Path.Name, StringComparer.Ordinal).ToList()
            : [];
        if (rows.Count == MaxRows)
        {
            notShown++;
            return;
        }

        rows.Add(new ActorRow(new string(' ', 2 * level) + (level == 0 ? actor.Path.ToStringWithoutAddress() : actor.Path.Name),
            children.Count, actor.Path.ToStringWithoutAddress()));
        if (level == depth) return;
        foreach (var child in children) Walk(child, level + 1, depth, rows, ref notShown);
    }
}
