using System.Diagnostics;
using System.Text;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Readme;

/// <summary>
/// A fresh copy of the repository (no data folder, no git, no test output) where README.md's commands run as a
/// newcomer types them, from its root, in bash. The node gets free loopback ports through its configuration's
/// environment variables and the commands' "localhost:8080" is rewritten to its port; curl is told (by a .curlrc, not
/// by the command) to fail on an HTTP error. It lives under TestResults/, where ./test.sh's clean-up finds what a
/// crashed run would leave running.
/// </summary>
/// <remarks>
/// The build `dotnet run` does is the one ./test.sh has just made: the copy carries the Release build of the programs
/// (not of the tests) and MSBuild reads Configuration=Release from the environment, so `dotnet run` finds it nearly up
/// to date. Two Debug builds of the node and fleetctl were a tenth of the whole suite's CPU; that a fresh clone builds is
/// what ./test.sh's own build shows.
/// </remarks>
public sealed class ReadmeCopy : IDisposable
{
    private static readonly string[] NotCopied = [".git", "TestResults", "data", ".pg", "BenchmarkDotNet.Artifacts"];

    private static readonly string[] BuildOutputs = ["bin", "obj"];

    /// <summary>Where the build outputs are not the programs the README runs.</summary>
    private static readonly string[] WithoutBuildOutputs = ["tests", "benchmarks"];

    private readonly Dictionary<string, string> _environment;
    private readonly int _apiPort = FreePort.Next();
    private Process? _node;
    private readonly StringBuilder _nodeOutput = new();

    public ReadmeCopy()
    {
        Root = Path.Combine(RepositoryPaths.Root, "TestResults", $"readme-{Guid.NewGuid():N}");
        Copy(new DirectoryInfo(RepositoryPaths.Root), Root, top: true, builds: true);
        var curl = Directory.CreateDirectory(Path.Combine(Root, "..", $"{Path.GetFileName(Root)}-curl")).FullName;
        File.WriteAllText(Path.Combine(curl, ".curlrc"), "fail-with-body\nshow-error\nmax-time = 30\n");
        var management = FreePort.Next();
        _environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{_apiPort}",
            ["FleetKeys__Cluster__Port"] = FreePort.Next().ToString(),
            ["FleetKeys__Management__Port"] = management.ToString(),
            ["FLEETCTL_NODE"] = $"127.0.0.1:{management}",
            ["CURL_HOME"] = curl,
            // The build `dotnet run` does is the slow part (see remarks); analyzers add nothing to a run of the program,
            // and one warm compiler server serves every project (where node reuse is off, each would start a compiler).
            ["Configuration"] = "Release",
            ["RunAnalyzers"] = "false",
            ["UseSharedCompilation"] = "true",
        };
    }

    public string Root { get; }

    public string NodeOutput
    {
        get
        {
            lock (_nodeOutput) return _nodeOutput.ToString();
        }
    }

    private string AsRun(string line) => line.Replace("localhost:8080", $"localhost:{_apiPort}").Replace("127.0.0.1:8080", $"127.0.0.1:{_apiPort}");

    /// <summary>Starts the line that runs a node (building it first, as `dotnet run` does) and waits until it is ready.</summary>
    public async Task StartNode(string line, TimeSpan within)
    {
        if (Directory.Exists(Path.Combine(Root, "data"))) Directory.Delete(Path.Combine(Root, "data"), recursive: true);
        _node = Process.Start(Bash(AsRun(line)))!;
        _node.OutputDataReceived += (_, e) => { lock (_nodeOutput) _nodeOutput.AppendLine(e.Data); };
        _node.ErrorDataReceived += (_, e) => { lock (_nodeOutput) _nodeOutput.AppendLine(e.Data); };
        _node.BeginOutputReadLine();
        _node.BeginErrorReadLine();
        await Endpoint.AnswersOk(new Uri($"http://127.0.0.1:{_apiPort}/readyz"), within,
            () => _node.HasExited ? $"`{line}` exited with {_node.ExitCode}:\n{NodeOutput}" : null);
    }

    /// <summary>The lines in one bash that stops at the first failing one; its exit code and what it printed.</summary>
    public async Task<(int ExitCode, string Output)> Run(IEnumerable<string> lines, TimeSpan within)
    {
        var script = Path.Combine(Root, "..", $"{Path.GetFileName(Root)}.sh");
        await File.WriteAllTextAsync(script, "set -euo pipefail\n" + string.Join("\n", lines.Select(l => $"echo '$ {l.Replace("'", "'\\''")}'\n{AsRun(l)}")) + "\n");
        using var shell = Process.Start(Bash($"bash {script}"))!;
        var output = new StringBuilder();
        shell.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        shell.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        shell.BeginOutputReadLine();
        shell.BeginErrorReadLine();
        try
        {
            await shell.WaitForExitAsync(new CancellationTokenSource(within).Token);
        }
        catch (OperationCanceledException)
        {
            shell.Kill(entireProcessTree: true);
            throw new TimeoutException($"README commands did not finish within {within}:\n{output}");
        }

        shell.WaitForExit();
        lock (output) return (shell.ExitCode, output.ToString());
    }

    private ProcessStartInfo Bash(string command)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        foreach (var (name, value) in _environment) start.Environment[name] = value;
        start.Environment.Remove("FLEETCTL_TOKEN");
        return start;
    }

    public void StopNode()
    {
        if (_node is null) return;
        if (!_node.HasExited) _node.Kill(entireProcessTree: true);
        _node.WaitForExit();
        _node.Dispose();
        _node = null;
    }

    private static void Copy(DirectoryInfo from, string to, bool top, bool builds)
    {
        Directory.CreateDirectory(to);
        // A worktree's ".git" is a file naming the real repository: the copy is no checkout of it.
        foreach (var file in from.EnumerateFiles().Where(f => f.Name != ".git"))
        {
            var copy = file.CopyTo(Path.Combine(to, file.Name));
            // Up to date is judged by time: the copy keeps the original's.
            copy.LastWriteTimeUtc = file.LastWriteTimeUtc;
        }

        foreach (var folder in from.EnumerateDirectories())
        {
            if ((NotCopied.Contains(folder.Name) && !(!top && folder.Name == "data")) || (!builds && BuildOutputs.Contains(folder.Name))) continue;
            Copy(folder, Path.Combine(to, folder.Name), top: false, builds: builds && !(top && WithoutBuildOutputs.Contains(folder.Name)));
        }
    }

    public void Dispose()
    {
        StopNode();
        foreach (var leftover in new[] { Root, $"{Root}-curl" })
            if (Directory.Exists(leftover)) Directory.Delete(leftover, recursive: true);
        File.Delete($"{Root}.sh");
    }
}
