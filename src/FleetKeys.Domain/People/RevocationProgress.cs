using System.Collections.Immutable;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.People;

/// <summary>
/// The latest revocation and how far it has travelled: which controllers have confirmed that none of their cabinets
/// will admit the person offline any more, and where each slot released to the person under a voided grant stands.
/// A new revocation starts a new revision with nobody confirmed.
/// </summary>
public sealed record RevocationProgress(int Revision, DateTimeOffset At, ImmutableDictionary<ControllerId, DateTimeOffset> PurgedBy)
    : IFleetKeysMessage
{
    public ImmutableDictionary<SlotId, SlotRelock> Relocks { get; init; } = ImmutableDictionary<SlotId, SlotRelock>.Empty;

    /// <summary>Relocks still waiting for their controller.</summary>
    public IEnumerable<KeyValuePair<SlotId, SlotRelock>> PendingRelocks => Relocks.Where(r => r.Value.State == RelockState.Pending);
}

/// <summary>
/// Where a release the revocation voided stands: its slot is locked again (the voiding is persisted on the slot) and its
/// controller has not yet confirmed the lock (<see cref="Pending"/>: an offline controller gets it when it is back), or
/// has (<see cref="Relocked"/>); or there was nothing left to lock.
/// </summary>
public enum RelockState
{
    Pending,
    Relocked,

    /// <summary>The key had already left under the grant: custody is the person's, and a security alarm is raised.</summary>
    KeyTaken,

    /// <summary>The release had ended already (lapsed, or the key came back); nothing to lock.</summary>
    NotReleased,
}

/// <summary>One slot's relock after a revocation: the voided grant, its state, and when that state was reported.</summary>
public sealed record SlotRelock(GrantId Grant, RelockState State, DateTimeOffset? At) : IFleetKeysMessage
{
    /// <summary>
    /// A pending relock moves on once, to whichever report comes first (the slot's and the driver's may cross, and repeat);
    /// a key taken under the voided grant is recorded even after the lock closed, since it left before.
    /// </summary>
    public bool Moves(RelockState to) =>
        to != RelockState.Pending && (State == RelockState.Pending || (State == RelockState.Relocked && to == RelockState.KeyTaken));
}

/// <summary>
/// Published to every driver when a person is revoked, ahead of the (slower) directory change, so allow-lists are
/// purged at once. <c>ProfileVersion</c> is the person's journal position at the revocation: any profile older than it
/// must be treated as inactive.
/// </summary>
public sealed record RevocationBroadcast(PersonId Person, int Revision, long ProfileVersion, DateTimeOffset At) : IFleetKeysMessage
{
    public const string Topic = "fleetkeys.revocations";
}
