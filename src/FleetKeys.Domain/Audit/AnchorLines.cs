using System.Text.Json;

namespace FleetKeys.Domain.Audit;

/// <summary>
/// The anchor file's format, one checkpoint a line as JSON: written by the node's file anchor, read back by its
/// verification and by the offline verifier (<c>fleetctl audit verify-bundle --anchor</c>).
/// </summary>
public static class AnchorLines
{
    private static readonly JsonSerializerOptions Line = new(AuditBundle.Json) { WriteIndented = false };

    public static string Of(AuditCheckpoint checkpoint) => JsonSerializer.Serialize(checkpoint, Line);

    /// <exception cref="JsonException">A line is not a checkpoint: the file was tampered with.</exception>
    public static IReadOnlyList<AuditCheckpoint> Read(IEnumerable<string> lines) =>
        lines.Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<AuditCheckpoint>(l, Line) ?? throw new JsonException("an empty checkpoint line"))
            .ToList();
}
