using Akka.Persistence.Journal;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.Persistence;

/// <summary>Tags events by the read-side stream they feed, so projections can follow one tag across all entities.</summary>
public sealed class EventTagger : IWriteEventAdapter
{
    public const string Custody = "custody";
    public const string People = "people";
    public const string Cabinets = "cabinets";

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => evt switch
    {
        KeySlotEvent => new Tagged(evt, [Custody]),
        PersonEvent => new Tagged(evt, [People]),
        CabinetEvent => new Tagged(evt, [Cabinets]),
        _ => evt,
    };
}
