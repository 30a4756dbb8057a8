using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FleetKeys.Testing;
using Microsoft.Data.Sqlite;

namespace FleetKeys.Node.Tests;

/// <summary>
/// The node executable's data folder holds PIN hashes, webhook secrets and its own keys: it and everything in it belong to
/// the node's user alone — from the start, after traffic (when SQLite has made its -wal and -shm files) and after a stop —
/// and the read side keeps no webhook secret in clear.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFolderSpecs : IDisposable
{
    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly string _data = Path.Combine(Directory.CreateTempSubdirectory("fleetkeys-data-").FullName, "data");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_data)!, recursive: true);
    }

    [Fact]
    public async Task The_data_folder_and_every_file_in_it_are_the_nodes_own_after_start_traffic_and_stop()
    {
        // As an older version left it: a folder and a journal anyone on the host could read.
        Directory.CreateDirectory(_data);
        File.SetUnixFileMode(_data, Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        File.WriteAllText(Path.Combine(_data, "fleetkeys.db"), "");
        File.SetUnixFileMode(Path.Combine(_data, "fleetkeys.db"), Readable);
        var httpPort = FreePort.Next();
        await using var node = new NodeProcess(["--urls", $"http://127.0.0.1:{httpPort}", "--FleetKeys:Cluster:Port", FreePort.Next().ToString(),
            "--FleetKeys:Management:Port", "0", "--FleetKeys:Persistence:DataFolder", _data]);
        node.Start();
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        await Endpoint.AnswersOk(new Uri(api.BaseAddress, "/readyz"), TimeSpan.FromSeconds(60), () => node.HasExited ? node.Output : null);
        var afterStart = Modes();

        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(Path.Combine(_data, "admin.key"))).Trim());
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/people", new { id = "pat", name = "Pat", maxKeys = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsJsonAsync("/api/v1/people/pat/pin", new { pin = "86420" })).StatusCode);
        var subscription = await (await api.PostAsJsonAsync("/api/v1/notifications/subscriptions", new { channel = "webhook", url = "http://127.0.0.1:9/x" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var secret = subscription.GetProperty("secret").GetString()!;
        await Eventually.Holds(async () => Assert.Contains("person.pin-set.v1", await api.GetStringAsync("/api/v1/audit?persistenceId=person-pat")), TimeSpan.FromSeconds(30));
        var afterTraffic = Modes();
        var stored = StoredSecret(subscription.GetProperty("id").GetString()!);
        var clearInFiles = Directory.EnumerateFiles(_data).Where(f => Contains(f, secret)).ToList();

        await node.Stop();
        var afterStop = Modes();

        Assert.Contains(afterTraffic, m => m.Path.EndsWith("fleetkeys.db-wal", StringComparison.Ordinal));
        Assert.Contains(afterTraffic, m => m.Path.EndsWith("fleetkeys-read.db-shm", StringComparison.Ordinal));
        Assert.Contains(afterStart, m => m.Path.EndsWith("hardware.key", StringComparison.Ordinal));
        foreach (var (when, modes) in new[] { ("start", afterStart), ("traffic", afterTraffic), ("stop", afterStop) })
        foreach (var (path, mode, folder) in modes)
            Assert.True(mode == (folder ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute : UnixFileMode.UserRead | UnixFileMode.UserWrite),
                $"after {when}: {path} is {mode}");
        Assert.StartsWith("sealed:", stored);
        Assert.Empty(clearInFiles);
    }

    /// <summary>The data folder itself and everything under it, stat'ed now.</summary>
    private List<(string Path, UnixFileMode Mode, bool Folder)> Modes() =>
    [
        (_data, File.GetUnixFileMode(_data), true),
        .. Directory.EnumerateDirectories(_data, "*", SearchOption.AllDirectories).Select(d => (d, File.GetUnixFileMode(d), true)),
        .. Directory.EnumerateFiles(_data, "*", SearchOption.AllDirectories).Select(f => (f, File.GetUnixFileMode(f), false)),
    ];

    private string StoredSecret(string subscription)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(_data, "fleetkeys-read.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var query = db.CreateCommand();
        query.CommandText = "SELECT secret FROM nt_subscriptions WHERE subscription_id = $id";
        query.Parameters.AddWithValue("$id", subscription);
        return (string)query.ExecuteScalar()!;
    }

    private static bool Contains(string file, string text)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray().AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
    }
}
