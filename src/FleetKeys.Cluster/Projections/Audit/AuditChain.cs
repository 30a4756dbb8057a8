using Akka.Persistence.Query;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Domain;
using FleetKeys.Domain.Audit;

namespace FleetKeys.Cluster.Projections.Audit;

/// <summary>
/// How an audit row is made from a journal event; its hash is <see cref="AuditLink.HashOf"/>, the rule the offline verifier
/// uses too.
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = AuditLink.Genesis;

    /// <summary>Every FleetKeys fact is audited; the journal also holds Akka's own bookkeeping (sharding), which is not.</summary>
    public static bool IsAudited(object @event) => @event is IFleetKeysMessage;

    /// <summary>
    /// The fact's public view in the system's stored form: a row, and so every export of the log, never holds a secret the
    /// fact carries, and holds a personal field only sealed, as the journal does, so erasing the person changes no row.
    /// </summary>
    public static string Payload(object @event, StoredJson json) => json.Payload(@event);

    /// <summary>An audit row's payload read back and written again, as <see cref="Payload"/> would make it from the fact.</summary>
    public static string Normalized(string eventType, string payload, StoredJson json) =>
        Payload(json.Read(payload, MessageTypes.TypeOf(eventType)) ?? throw new System.Text.Json.JsonException("a null payload"), json);

    public static AuditRow Row(long seq, string previousHash, EventEnvelope envelope, StoredJson json)
    {
        var row = new AuditRow
        {
            Seq = seq, Ordering = envelope.Ordering(), PersistenceId = envelope.PersistenceId, SequenceNr = envelope.SequenceNr,
            EventType = MessageTypes.ManifestOf(envelope.Event.GetType()), RecordedAt = envelope.Timestamp,
            Payload = Payload(envelope.Event, json), PreviousHash = previousHash,
        };
        row.Hash = HashOf(row);
        return row;
    }

    public static string HashOf(AuditRow row) =>
        AuditLink.HashOf(row.PreviousHash, row.Seq, row.Ordering, row.PersistenceId, row.SequenceNr, row.EventType, row.RecordedAt, row.Payload);

    public static AuditLink Link(this AuditRow row) =>
        new(row.Seq, row.Ordering, row.PersistenceId, row.SequenceNr, row.EventType, row.RecordedAt, row.Payload, row.PreviousHash, row.Hash);
}
