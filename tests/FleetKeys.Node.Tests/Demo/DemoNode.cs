using System.Net.Http.Headers;
using System.Text.Json;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Demo;

/// <summary>
/// The node executable with <c>--demo</c>, as a newcomer runs it, on a data folder that outlives each run, so it can be
/// stopped (SIGTERM) or killed (kill -9) and started again on its own data.
/// </summary>
public sealed class DemoNode : IAsyncDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("fleetkeys-demo-").FullName;
    private NodeProcess? _process;

    public HttpClient Api { get; private set; } = null!;

    /// <summary>Starts the node and returns once it is ready, with <see cref="Api"/> holding the admin key the node wrote.</summary>
    public async Task Start(params string[] demoSettings)
    {
        var http = FreePort.Next();
        // A restart: the node before it has exited, and its process is let go of.
        _process?.Dispose();
        _process = new NodeProcess([
            "--demo", "--urls", $"http://127.0.0.1:{http}", "--FleetKeys:Cluster:Port", FreePort.Next().ToString(),
            "--FleetKeys:Management:Port", "0", "--FleetKeys:Persistence:DataFolder", _data, .. demoSettings,
        ]);
        _process.Start();
        var node = _process;
        await Endpoint.AnswersOk(new Uri($"http://127.0.0.1:{http}/readyz"), TimeSpan.FromSeconds(60),
            () => node.HasExited ? $"the node exited:\n{node.Output}" : null);
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}") };
        Api.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(Path.Combine(_data, "admin.key"))).Trim());
    }

    public Task Stop() => _process!.Stop();

    public void Kill() => _process!.Kill();

    public string Output => _process?.Output ?? "";

    public async Task<JsonElement> Get(string path) => JsonDocument.Parse(await Api.GetStringAsync(path)).RootElement;

    public async ValueTask DisposeAsync()
    {
        _process?.Dispose();
        Api?.Dispose();
        await Task.Run(() => Directory.Delete(_data, recursive: true));
    }
}
