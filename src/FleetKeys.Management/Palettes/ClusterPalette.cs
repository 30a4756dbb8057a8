using Akka.Actor;
using Akka.Cluster;
using FleetKeys.Management.Commands;
using Microsoft.AspNetCore.Http;
using static FleetKeys.Management.Commands.Answer;
using static FleetKeys.Management.Commands.ManagementCommand;

namespace FleetKeys.Management.Palettes;

public sealed record MemberView(string Address, string Status, bool Reachable, bool Leader, IReadOnlyList<string> Roles);

public sealed record ClusterView(string Self, string? Leader, IReadOnlyList<MemberView> Members);

public sealed record ClusterStatusView(string Self, string Status, string? Leader, bool IsLeader, int Members, int Up, int Unreachable);

public sealed record LeaderView(string? Leader);

public sealed record MembershipChange(string Message, IReadOnlyList<string> Addresses);

/// <summary>Membership as this node sees it, and the operator's hand on it: join, leave, down (Akka.Cluster's own verbs).</summary>
public sealed class ClusterPalette(ActorSystem system) : IPalette
{
    private static readonly ArgumentSpec Address = ArgumentSpec.Of("address", "a member's address, e.g. akka.tcp://fleetkeys@127.0.0.1:4053");

    private Akka.Cluster.Cluster Cluster => Akka.Cluster.Cluster.Get(system);

    public string Name => "cluster";

    public string Summary => "members, leader, join, leave and down";

    public IReadOnlyList<ManagementCommand> Commands =>
    [
        Read("show", "every member with its status and reachability", Show),
        Read("status", "this node's membership and the cluster's health in one line", Status),
        Read("leader", "the member that leads membership changes", Leader),
        Change("join", "make this node join the cluster at an address", Join, Address),
        DestructiveChange("leave", "a member leaves gracefully: hands over its shards, then stops", Leave, Address),
        DestructiveChange("down", "mark a member down at once (for a node that is gone); its entities restart elsewhere", Down, Address),
        DestructiveChange("down-unreachable", "mark every unreachable member down (those not down already)", DownUnreachable),
    ];

    private Task<IResult> Show(CommandArguments _, CancellationToken __)
    {
        var state = Cluster.State;
        var members = state.Members.Select(m => new MemberView(m.Address.ToString(), m.Status.ToString(), !state.Unreachable.Contains(m),
            m.Address == state.Leader, [.. m.Roles.Order()])).ToList();
        return Ok(new ClusterView(Cluster.SelfAddress.ToString(), state.Leader?.ToString(), members));
    }

    private Task<IResult> Status(CommandArguments _, CancellationToken __)
    {
        var state = Cluster.State;
        var self = state.Members.FirstOrDefault(m => m.Address == Cluster.SelfAddress);
        return Ok(new ClusterStatusView(Cluster.SelfAddress.ToString(), self?.Status.ToString() ?? "NotJoined", state.Leader?.ToString(),
            state.Leader == Cluster.SelfAddress, state.Members.Count, state.Members.Count(m => m.Status == MemberStatus.Up),
            state.Unreachable.Count));
    }

    private Task<IResult> Leader(CommandArguments _, CancellationToken __) => Ok(new LeaderView(Cluster.State.Leader?.ToString()));

    private Task<IResult> Join(CommandArguments args, CancellationToken _)
    {
        if (ParseAddress(args) is not { } address) return Invalid(args);
        var state = Cluster.State;
        if (state.Members.Any(m => m.Address == address))
            return Ok(new MembershipChange($"{address} is already a member of this node's cluster", [address.ToString()]));
        // Akka ignores a join from a node that is already a member, so say why nothing would happen.
        if (state.Members.Any(m => m.Address == Cluster.SelfAddress))
            return Problem(StatusCodes.Status409Conflict,
                $"this node is a member of a cluster already; to join {address}, stop it and start it with that seed node");
        Cluster.Join(address);
        return Ok(new MembershipChange($"{Cluster.SelfAddress} is joining the cluster at {address}", [address.ToString()]));
    }

    private Task<IResult> Leave(CommandArguments args, CancellationToken _) => ForMember(args, address =>
    {
        Cluster.Leave(address);
        return $"{address} is leaving the cluster";
    });

    private Task<IResult> Down(CommandArguments args, CancellationToken _) => ForMember(args, address =>
    {
        Cluster.Down(address);
        return $"{address} is marked down";
    });

    private Task<IResult> DownUnreachable(CommandArguments _, CancellationToken __)
    {
        var unreachable = Cluster.State.Unreachable.Where(m => m.Status != MemberStatus.Down).Select(m => m.Address).ToList();
        foreach (var address in unreachable) Cluster.Down(address);
        return Ok(new MembershipChange(
            unreachable.Count == 0 ? "no member is unreachable" : $"{unreachable.Count} unreachable member(s) marked down",
            [.. unreachable.Select(a => a.ToString())]));
    }

    private Task<IResult> ForMember(CommandArguments args, Func<Address, string> change)
    {
        if (ParseAddress(args) is not { } address) return Invalid(args);
        if (Cluster.State.Members.All(m => m.Address != address))
            return Problem(StatusCodes.Status404NotFound, $"{address} is not a member of this cluster");
        return Ok(new MembershipChange(change(address), [address.ToString()]));
    }

    private static Address? ParseAddress(CommandArguments args)
    {
        var raw = args.Text("address");
        try
        {
            var address = Akka.Actor.Address.Parse(raw);
            if (address.Host is not null && address.Port is not null) return address;
        }
        catch (Exception e) when (e is UriFormatException or FormatException or ArgumentException)
        {
            // reported below
        }

        args.Check.Fail("address", "must be an Akka address such as akka.tcp://fleetkeys@127.0.0.1:4053");
        return null;
    }
}
