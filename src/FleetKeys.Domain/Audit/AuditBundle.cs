using System.Text.Json;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Audit;

/// <summary>
/// A stretch of the audit log a third party can verify without FleetKeys: its rows exactly as hashed, the signed
/// checkpoints over them, and which key signed them (its id and where the node publishes it; the key itself is taken
/// from a trusted copy, never from the bundle). It ends at a signed checkpoint, so a row cut from its end shows.
/// </summary>
public sealed record AuditBundle(
    string Format, DateTimeOffset ExportedAt, string PublicKeyId, string PublicKeyUrl, IReadOnlyList<AuditLink> Rows,
    IReadOnlyList<AuditCheckpoint> Checkpoints)
{
    public const string CurrentFormat = "fleetkeys-audit-bundle/v1";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true, Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <exception cref="JsonException">Not a bundle this version reads.</exception>
    public static AuditBundle Parse(string json)
    {
        var bundle = JsonSerializer.Deserialize<AuditBundle>(json, Json) ?? throw new JsonException("the file holds no bundle");
        if (bundle.Format != CurrentFormat) throw new JsonException($"'{bundle.Format}' is not a format this verifier reads ({CurrentFormat})");
        if (bundle.Rows is null || bundle.Checkpoints is null) throw new JsonException("a bundle has rows and checkpoints");
        return bundle;
    }

    /// <param name="anchored">
    /// Checkpoints from an anchor the verifier holds (its file): those from the bundle's first row on are held against it
    /// too, so a bundle exported after checkpoints were deleted from the database, or cut short, fails against them.
    /// </param>
    public AuditVerification Verify(IReadOnlyCollection<AuditPublicKey> keys, IEnumerable<AuditCheckpoint>? anchored = null)
    {
        var first = Rows.Count > 0 ? Rows[0].Seq : 1;
        var proof = new ChainProof(Checkpoints, (anchored ?? []).Where(c => c.Seq >= first), keys, first);
        var problem = proof.Start();
        foreach (var row in Rows)
        {
            if (problem is not null) break;
            problem = proof.Next(row);
        }

        return proof.Verdict(problem ?? proof.End());
    }
}
