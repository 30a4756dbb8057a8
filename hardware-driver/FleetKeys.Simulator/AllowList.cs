using System.Collections.Immutable;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Simulator;

/// <summary>
/// The allow-list a cabinet decides by while offline, with the version rule of docs/protocol.md:
/// a change applies only at the current version + 1; a lower or equal version is a resend and a
/// higher one a gap, both acknowledged at the current version without change; a clear always applies.
/// Guarded by the cabinet's lock.
/// </summary>
internal sealed class AllowList
{
    public AllowListState State { get; private set; } =
        new(0, ImmutableDictionary<ByteString, AllowListEntry>.Empty);

    public AllowListEntry? Find(ByteString badge) => State.Entries.GetValueOrDefault(badge);

    public AllowListAck Apply(ManufacturerCommand change)
    {
        var entries = State.Entries;
        State = change switch
        {
            AllowListClear clear => new(clear.Version, entries.Clear(), State.Clears + 1),
            AllowListUpsert upsert when Follows(upsert.Version) =>
                State with { Version = upsert.Version, Entries = entries.SetItems(upsert.Entries.Select(e => KeyValuePair.Create(e.Badge, e))) },
            AllowListRemove remove when Follows(remove.Version) => State with { Version = remove.Version, Entries = entries.RemoveRange(remove.Badges) },
            AllowListPurge purge when Follows(purge.Version) => State with
            {
                Version = purge.Version, Entries = entries.RemoveRange(entries.Values.Where(e => e.PersonId == purge.PersonId).Select(e => e.Badge)),
            },
            _ => State,
        };
        return new AllowListAck(State.Version);
    }

    private bool Follows(uint version) => version == State.Version + 1;
}
