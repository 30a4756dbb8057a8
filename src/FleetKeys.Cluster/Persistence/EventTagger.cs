using Akka.Persistence.Journal;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Sites;

namespace FleetKeys.Cluster.Persistence;

/// <summary>Tags events by the read-side stream they feed, so projections can follow one tag across all entities.</summary>
public sealed class EventTagger : IWriteEventAdapter
{
    public const string Custody = "custody";
    public const string People = "people";
    public const string Cabinets = "cabinets";
    public const string Sites = "sites";
    public const string Controllers = "controllers";

    /// <summary>Every event that raises or settles an alarm, whichever entity wrote it, in one stream and in journal order.</summary>
    public const string Alarms = "alarms";

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt)
    {
        string? stream = evt switch
        {
            KeySlotEvent => Custody,
            PersonEvent => People,
            CabinetEvent => Cabinets,
            SiteEvent => Sites,
            ControllerEvent => Controllers,
            _ => null,
        };
        var alarms = AlarmSources.Concerns(evt);
        if (stream is null && !alarms) return evt;
        return new Tagged(evt, (stream, alarms) switch
        {
            (null, _) => [Alarms],
            (_, true) => [stream, Alarms],
            _ => [stream],
        });
    }
}
