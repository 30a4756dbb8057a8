using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using FleetKeys.Testing;

namespace FleetKeys.Faults.Tests;

/// <summary>One FleetKeys node as its own OS process on loopback, which a test can kill, freeze, thaw or stop.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly string[] _args;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public NodeProcess(int index, int httpPort, int clusterPort, int managementPort, IEnumerable<string> args)
    {
        Index = index;
        HttpPort = httpPort;
        ClusterPort = clusterPort;
        ManagementPort = managementPort;
        _args = [.. args, "--FleetKeys:Management:Port", managementPort.ToString()];
    }

    public int Index { get; }
    public int HttpPort { get; }
    public int ClusterPort { get; }
    public int ManagementPort { get; }
    public string Address => $"akka.tcp://fleetkeys@127.0.0.1:{ClusterPort}";
    public bool HasExited => _process is null || _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public HttpClient Client(string apiKey) => ClientOn(HttpPort, apiKey);

    /// <summary>The management port fleetctl talks to.</summary>
    public HttpClient ManagementClient(string apiKey) => ClientOn(ManagementPort, apiKey);

    private static HttpClient ClientOn(int port, string apiKey)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[NodeDll(), .. _args]) start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        lock (_output) _output.AppendLine(line);
    }

    public Task WaitUntilReady(TimeSpan within) =>
        Endpoint.AnswersOk(new Uri($"http://127.0.0.1:{HttpPort}/readyz"), within, () => HasExited ? $"node {Index} exited:\n{Output}" : null);

    /// <summary>kill -9: no shutdown, no goodbye to the cluster — what a crash or a pulled plug looks like.</summary>
    public void Kill() => _process!.Kill(entireProcessTree: true);

    public void Freeze() => Signal("STOP");

    public void Thaw() => Signal("CONT");

    /// <summary>SIGTERM and wait: the node leaves the cluster and hands its shards over.</summary>
    public async Task Stop()
    {
        Signal("TERM");
        await _process!.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
    }

    public Task WaitForExit(TimeSpan within) => _process!.WaitForExitAsync(new CancellationTokenSource(within).Token);

    private void Signal(string signal) => Process.Start("kill", [$"-{signal}", _process!.Id.ToString()])!.WaitForExit();

    private static string NodeDll() => RepositoryPaths.BuildOutput("src/FleetKeys.Node", "FleetKeys.Node.dll");

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            Signal("CONT");
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
