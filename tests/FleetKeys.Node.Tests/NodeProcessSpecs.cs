using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests;

/// <summary>The executable as the README starts it: a separate process with a data folder, stopped with SIGTERM.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NodeProcessSpecs : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fleetkeys-node-").FullName;
    private Process? _process;

    public void Dispose()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static string NodeDll() => RepositoryPaths.BuildOutput("src/FleetKeys.Node", "FleetKeys.Node.dll");

    private readonly System.Text.StringBuilder _output = new();

    /// <summary>Starts the node as the README does, in a fresh working directory, and returns a client for its API.</summary>
    private HttpClient StartNode(params string[] extra)
    {
        var httpPort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[NodeDll(), "--urls", $"http://127.0.0.1:{httpPort}", "--FleetKeys:Cluster:Port", FreePort.Next().ToString(), .. extra])
            start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        return new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
    }

    [Fact]
    public async Task The_demo_switch_brings_a_living_simulated_fleet_within_a_minute()
    {
        using var http = StartNode("--demo", "--FleetKeys:Demo:VisitsPerSecond", "4", "--FleetKeys:Demo:Controllers", "2");
        await WaitFor(http, "/readyz");
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(Path.Combine(_folder, "data", "admin.key"))).Trim());

        // Simulated people take keys over the real protocol; custody shows them out with their holders.
        await Eventually.Holds(async () =>
        {
            var cabinets = new[] { "ctl-01-cab-01", "ctl-01-cab-02", "ctl-02-cab-01", "ctl-02-cab-02" };
            var views = await Task.WhenAll(cabinets.Select(c => http.GetStringAsync($"/api/v1/cabinets/{c}")));
            Assert.Contains(views, v => v.Contains("\"status\":\"out\"") && v.Contains("\"holder\":\"p-"));
        }, TimeSpan.FromSeconds(60));
        var controller = await http.GetStringAsync("/api/v1/controllers/ctl-01");
        Assert.Contains("\"connected\":true", controller);
    }

    [Fact]
    public void The_executable_lets_idle_thread_pool_workers_sleep_instead_of_spinning_for_work()
    {
        // On the two cores a node is sized for, workers spinning for work took the CPU the node's work needed
        // (docs/benchmarks.md, finding 12); the environment variable still overrides it for an operator with cores to spare.
        using var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(NodeDll(), ".runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
    }

    [Fact]
    public async Task The_node_starts_on_embedded_sqlite_answers_health_and_readiness_and_stops_cleanly_on_sigterm()
    {
        using var http = StartNode();

        await WaitFor(http, "/healthz");
        await WaitFor(http, "/readyz");
        var keyFile = Path.Combine(_folder, "data", "admin.key");
        var key = (await File.ReadAllTextAsync(keyFile)).Trim();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var unknownSite = await http.GetAsync("/api/v1/sites/none");

        var node = _process!;
        Process.Start("kill", ["-TERM", node.Id.ToString()])!.WaitForExit();
        var exited = node.WaitForExit(TimeSpan.FromSeconds(30));
        node.WaitForExit();

        Assert.True(File.Exists(Path.Combine(_folder, "data", "fleetkeys.db")), "the journal should be a SQLite file in the data folder");
        Assert.True(File.Exists(Path.Combine(_folder, "data", "fleetkeys-read.db")), "the read side should have a SQLite file of its own");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.Equal(HttpStatusCode.NotFound, unknownSite.StatusCode);
        Assert.True(exited, "the node should stop within 30 s of SIGTERM");
        Assert.Equal(0, node.ExitCode);
        string log;
        lock (_output) log = _output.ToString();
        Assert.DoesNotContain(key, log);
        Assert.Contains("admin.key", log);
    }

    private Task WaitFor(HttpClient http, string path) =>
        Endpoint.AnswersOk(new Uri(http.BaseAddress!, path), TimeSpan.FromSeconds(60),
            () => _process!.HasExited ? $"the node exited with {_process.ExitCode}" : null);
}
