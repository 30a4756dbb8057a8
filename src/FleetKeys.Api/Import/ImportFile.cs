using System.Security.Cryptography;

namespace FleetKeys.Api.Import;

/// <summary>
/// The posted file, copied once to a temporary file only the node's user can read and deleted when disposed, so an import
/// reads it twice — checking, then applying — without holding it, or anything parsed from it, in memory. Hashed as it is copied.
/// </summary>
public sealed class ImportFile : IAsyncDisposable
{
    private readonly FileStream _file;

    private ImportFile(FileStream file, string sha256) => (_file, Sha256) = (file, sha256);

    /// <summary>The file's SHA-256 in lower-case hex, the origin its changes record.</summary>
    public string Sha256 { get; }

    public static async Task<ImportFile> Receive(Stream body, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"fleetkeys-import-{Guid.NewGuid():N}.csv"), options);
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
