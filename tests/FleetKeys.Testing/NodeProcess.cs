using System.Diagnostics;
using System.Text;

namespace FleetKeys.Testing;

/// <summary>
/// The node executable as an OS process of its own, which a test can kill outright (as a crash would), freeze, thaw or
/// stop. It runs in a fresh working directory so nothing it writes by default lands in the repository.
/// </summary>
public class NodeProcess(IEnumerable<string> arguments) : IAsyncDisposable, IDisposable
{
    private readonly string[] _arguments = [.. arguments];
    private readonly StringBuilder _output = new();
    private Process? _process;

    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>The node's own fresh working directory, where its relative data folder ("data") is.</summary>
    public string WorkingDirectory { get; } = Directory.CreateTempSubdirectory("fleetkeys-node-").FullName;

    /// <summary>What the node printed so far, for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])[RepositoryPaths.BuildOutput("src/FleetKeys.Node", "FleetKeys.Node.dll"), .. _arguments])
            start.ArgumentList.Add(arg);
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

    /// <summary>kill -9: no shutdown, no goodbye to the cluster — what a crash or a pulled plug looks like.</summary>
    public void Kill()
    {
        _process!.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Freeze() => Signal("STOP");

    public void Thaw() => Signal("CONT");

    /// <summary>SIGTERM and wait: the node leaves the cluster and hands its shards over.</summary>
    public async Task Stop()
    {
        Signal("TERM");
        await WaitForExit(TimeSpan.FromSeconds(60));
    }

    public async Task WaitForExit(TimeSpan within)
    {
        try
        {
            await _process!.WaitForExitAsync(new CancellationTokenSource(within).Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the node did not exit within {within.TotalSeconds:F0} s; it printed:\n{Output}");
        }
    }

    private void Signal(string signal) => Process.Start("kill", [$"-{signal}", _process!.Id.ToString()])!.WaitForExit();

    public void Dispose()
    {
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                Signal("CONT");
                Kill();
            }

            _process.Dispose();
            _process = null;
        }

        // A node given no data folder of its own kept "data" here; a suite of some sixty nodes left as many folders behind.
        if (Directory.Exists(WorkingDirectory)) Directory.Delete(WorkingDirectory, recursive: true);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
