using System.Security.Cryptography;
using FleetKeys.Cluster.Persistence;

namespace FleetKeys.Api.Import;

/// <summary>
/// The posted file, copied once to a file in the node's private data folder that only the node's user can read and that is
/// deleted when disposed, so an import reads it twice — checking, then applying — without holding it, or anything parsed
/// from it, in memory. Hashed as it is copied.
/// </summary>
public sealed class ImportFile : IAsyncDisposable
{
    private readonly FileStream _file;

    private ImportFile(FileStream file, string sha256) => (_file, Sha256) = (file, sha256);

    /// <summary>The file's SHA-256 in lower-case hex, the origin its changes record.</summary>
    public string Sha256 { get; }

    /// <summary>
    /// Where the files being imported are kept, made private and emptied: a file left by a node that stopped mid-import
    /// (deleting on close needs the process to close it) is of no use to anyone.
    /// </summary>
    public static string PrepareFolder(string dataFolder)
    {
        var folder = Path.GetFullPath(Path.Combine(dataFolder, "imports"));
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else Directory.CreateDirectory(folder, DataFolder.PrivateFolder);
        foreach (var left in Directory.EnumerateFiles(folder)) File.Delete(left);
        return folder;
    }

    public static async Task<ImportFile> Receive(string folder, Stream body, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = DataFolder.PrivateFile;
        var file = new FileStream(Path.Combine(folder, $"{Guid.NewGuid():N}.csv"), options);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            while (await body.ReadAsync(buffer, cancellationToken) is var read and > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await file.FlushAsync(cancellationToken);
            return new ImportFile(file, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>The file from its start; one reader at a time.</summary>
    public TextReader Read()
    {
        _file.Position = 0;
        return new StreamReader(_file, leaveOpen: true);
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
