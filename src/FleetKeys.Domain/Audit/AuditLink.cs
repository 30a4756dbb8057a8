using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Audit;

/// <summary>
/// One row of the audit log as the chain sees it: every field its hash covers, exactly as stored (the payload is the
/// text that was hashed, not a re-serialisation of it). The node and the offline verifier hash with this one rule.
/// </summary>
public sealed record AuditLink(
    long Seq, long Ordering, string PersistenceId, long SequenceNr, string Type, long RecordedAtTicks, string Payload,
    string PreviousHash, string Hash)
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>SHA-256 over the previous row's hash and every field of this row, so it fixes both the row and the order of all before it.</summary>
    public static string HashOf(
        string previousHash, long seq, long ordering, string persistenceId, long sequenceNr, string type, long recordedAtTicks, string payload)
    {
        var text = string.Join('\n', previousHash, Number(seq), Number(ordering), persistenceId, Number(sequenceNr), type,
            Number(recordedAtTicks), payload);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public string ComputedHash() => HashOf(PreviousHash, Seq, Ordering, PersistenceId, SequenceNr, Type, RecordedAtTicks, Payload);

    [JsonIgnore] public DateTimeOffset RecordedAt => new(RecordedAtTicks, TimeSpan.Zero);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
