using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Akka.Persistence.Query;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Domain;

namespace FleetKeys.Cluster.Projections.Audit;

/// <summary>
/// How an audit row is made from a journal event and how its hash is computed: SHA-256 over the previous row's hash and
/// every field of this row, so the chain fixes both each row's content and the order of all rows before it.
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>Every FleetKeys fact is audited; the journal also holds Akka's own bookkeeping (sharding), which is not.</summary>
    public static bool IsAudited(object @event) => @event is IFleetKeysMessage;

    /// <summary>The fact's public view: a row, and so every export of the log, never holds a secret the fact carries.</summary>
    public static string Payload(object @event) => PublicView.Json(@event);

    public static AuditRow Row(long seq, string previousHash, EventEnvelope envelope)
    {
        var row = new AuditRow
        {
            Seq = seq, Ordering = envelope.Ordering(), PersistenceId = envelope.PersistenceId, SequenceNr = envelope.SequenceNr,
            EventType = MessageTypes.ManifestOf(envelope.Event.GetType()), RecordedAt = envelope.Timestamp,
            Payload = Payload(envelope.Event), PreviousHash = previousHash,
        };
        row.Hash = HashOf(row);
        return row;
    }

    public static string HashOf(AuditRow row)
    {
        var text = string.Join('\n', row.PreviousHash, Number(row.Seq), Number(row.Ordering), row.PersistenceId, Number(row.SequenceNr),
            row.EventType, Number(row.RecordedAt), row.Payload);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
