using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FleetKeys.Cluster.Persistence;
using FleetKeys.LoadTest.Journal;
using FleetKeys.LoadTest.Measurement;
using FleetKeys.LoadTest.NodeSide;

namespace FleetKeys.LoadTest.Hosting;

/// <summary>
/// The node under test in a process of its own (<see cref="NodeRole"/>), so that its CPU and memory are measured apart
/// from the simulated fleet and the load generator, which stay in this process. Always stopped: by
/// <see cref="DisposeAsync"/>, and, should this process die first, by its standard input closing.
/// </summary>
public sealed class NodeUnderTest : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(60);
    private const int TailLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private StreamWriter? _log;
    private readonly TaskCompletionSource<Uri> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HttpClient? _control;
    private int _disposed;

    private NodeUnderTest(Process process, string adminKey, string? logFile)
    {
        _process = process;
        AdminKey = adminKey;
        _log = logFile is null ? null : new StreamWriter(logFile, append: true) { AutoFlush = true };
    }

    public int ProcessId => _process.Id;

    /// <summary>The node's only key, made for this run: the console probe signs in with it.</summary>
    public string AdminKey { get; }

    public Uri BaseAddress => _control?.BaseAddress ?? throw new InvalidOperationException("the node is not up");

    /// <summary>Returns once the node is an Up member of its cluster of one, i.e. ready to take commands.</summary>
    public static async Task<NodeUnderTest> StartAsync(PersistenceSettings persistence, byte[] masterSecret, LoadTestOptions options,
        CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Executable());
        info.ArgumentList.Add(NodeRole.Verb);
        if (options.NodeHeapLimitMb is { } limit) info.Environment["DOTNET_GCHeapHardLimit"] = $"0x{limit * 1024L * 1024L:X}";
        var adminKey = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        var node = new NodeUnderTest(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"), adminKey, options.NodeLog);
        try
        {
            node._process.OutputDataReceived += (_, e) => node.Line(e.Data);
            node._process.ErrorDataReceived += (_, e) => node.Line(e.Data);
            node._process.BeginOutputReadLine();
            node._process.BeginErrorReadLine();
            var start = new NodeStart(options, persistence.Provider, Path.GetFullPath(persistence.DataFolder), persistence.ConnectionString,
                masterSecret, adminKey);
            await node._process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(start));
            await node._process.StandardInput.FlushAsync(cancellationToken);

            var exited = node._process.WaitForExitAsync(cancellationToken);
            var ready = node._ready.Task.WaitAsync(StartBound, cancellationToken);
            if (await Task.WhenAny(ready, exited) != ready)
                throw new InvalidOperationException($"the node's process exited before it was up:\n{node.Tail()}");
            node._control = new HttpClient { BaseAddress = await ready, Timeout = Timeout.InfiniteTimeSpan };
            return node;
        }
        catch (TimeoutException)
        {
            await node.DisposeAsync();
            throw new TimeoutException($"the node was not up within {StartBound.TotalSeconds:F0} s:\n{node.Tail()}");
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    public Task RegisterPeople(int from, int count, CancellationToken cancellationToken) =>
        Send($"/loadtest/people?from={from}&count={count}", cancellationToken);

    public Task RegisterController(int index, int port, CancellationToken cancellationToken) =>
        Send($"/loadtest/controllers/{index}?port={port}", cancellationToken);

    /// <summary>Terminates the person through the entity API; returns the rejection's code when the node refused.</summary>
    public async Task<string?> Revoke(string personId, CancellationToken cancellationToken)
    {
        using var response = await Control.PostAsync($"/loadtest/people/{personId}/revoke", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict) return await response.Content.ReadFromJsonAsync<string>(cancellationToken);
        await EnsureSuccess(response, cancellationToken);
        return null;
    }

    public async Task<BaselineResult> MeasureJournalBaseline(CancellationToken cancellationToken)
    {
        using var response = await Control.PostAsync("/loadtest/baseline", null, cancellationToken);
        await EnsureSuccess(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<BaselineResult>(cancellationToken))!;
    }

    public async Task<GcCounts> Collections(CancellationToken cancellationToken) =>
        (await Control.GetFromJsonAsync<GcCounts>("/loadtest/gc", cancellationToken))!;

    /// <summary>The node's live managed heap after a full collection it is asked to make, and its resident memory then.</summary>
    public async Task<LiveHeap> CollectAll(CancellationToken cancellationToken)
    {
        using var response = await Control.PostAsync("/loadtest/gc/full", null, cancellationToken);
        await EnsureSuccess(response, cancellationToken);
        var heap = await response.Content.ReadFromJsonAsync<long>(cancellationToken);
        return new LiveHeap(heap, ProcessMeter.Memory(ProcessId).Resident);
    }

    public async Task<WriteCounts> Writes(CancellationToken cancellationToken) =>
        (await Control.GetFromJsonAsync<WriteCounts>("/loadtest/writes", cancellationToken))!;

    public async Task<long> LiveChangesPassed(CancellationToken cancellationToken) =>
        await Control.GetFromJsonAsync<long>("/loadtest/pulse", cancellationToken);

    /// <summary>Idempotent: a cold start disposes the node it replaces, and a run that fails midway disposes what it holds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _control?.Dispose();
        try
        {
            // End of input is the node's signal to stop cleanly (NodeRole).
            _process.StandardInput.Close();
            await _process.WaitForExitAsync(new CancellationTokenSource(StopBound).Token);
        }
        catch (Exception stopping) when (stopping is OperationCanceledException or IOException or InvalidOperationException)
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
        finally
        {
            _process.Dispose();
            lock (_tail)
            {
                _log?.Dispose();
                _log = null;
            }
        }
    }

    private HttpClient Control => _control ?? throw new InvalidOperationException("the node is not up");

    /// <summary>A step the node answers 503 (a part of the cluster did not answer in time) is sent again, a little later each time.</summary>
    private async Task Send(string path, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await Control.PostAsync(path, null, cancellationToken);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == SendAttempts)
            {
                await EnsureSuccess(response, cancellationToken);
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
        }
    }

    private const int SendAttempts = 5;

    private static async Task EnsureSuccess(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} " +
                                                await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private void Line(string? line)
    {
        if (line is null) return;
        if (line.StartsWith(NodeRole.ReadyLine + " ", StringComparison.Ordinal))
            _ready.TrySetResult(new Uri(line[(NodeRole.ReadyLine.Length + 1)..]));
        lock (_tail)
        {
            _log?.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > TailLines) _tail.Dequeue();
        }
    }

    private string Tail()
    {
        lock (_tail) return string.Join('\n', _tail);
    }

    /// <summary>This assembly; a test's output holds it with its runtime configuration too, so a smoke test starts the same.</summary>
    private static string Executable() => Path.Combine(AppContext.BaseDirectory, "FleetKeys.LoadTest.dll");
}
