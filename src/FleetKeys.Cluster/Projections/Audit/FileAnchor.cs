using FleetKeys.Cluster.Persistence;
using FleetKeys.Domain.Audit;

namespace FleetKeys.Cluster.Projections.Audit;

/// <summary>
/// Appends each checkpoint to a file as one JSON line. On a volume the database administrator cannot write (another
/// host's share, a WORM mount), it keeps the signed heads when the database's checkpoints are deleted or the log cut.
/// A line sent twice after a retry is the same checkpoint twice, which verification takes once.
/// </summary>
public sealed class FileAnchor(string path) : IAuditAnchor
{

    public string Name => "file";

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public async Task Send(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = DataFolder.PrivateFile;
        await using var file = new StreamWriter(Path, options);
        await file.WriteLineAsync(AnchorLines.Of(checkpoint).AsMemory(), cancellationToken);
    }

    /// <summary>Every checkpoint the file holds; none when it does not exist yet.</summary>
    /// <exception cref="System.Text.Json.JsonException">A line is not a checkpoint: the file was tampered with.</exception>
    public IReadOnlyList<AuditCheckpoint> Read() => File.Exists(Path) ? AnchorLines.Read(File.ReadLines(Path)) : [];
}
