using System.Diagnostics;

namespace FleetKeys.Ctl.Tests.Support;

/// <summary>Runs the real fleetctl executable, as an operator would, with its output, exit code and (redirected) input.</summary>
public static class FleetctlProcess
{
    /// <summary>An empty working directory, so fleetctl never picks up a data/admin.key from wherever the tests run.</summary>
    private static readonly string Scratch = Directory.CreateTempSubdirectory("fleetctl-").FullName;

    /// <param name="input">Typed lines (answers, an interactive session); null gives fleetctl an empty input.</param>
    public static async Task<CtlRun> Run(string? node, string? token, string? input, IEnumerable<string> args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Scratch,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Repository.Fleetctl);
        if (node is not null)
        {
            start.ArgumentList.Add("--node");
            start.ArgumentList.Add(node);
        }

        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("FLEETCTL_NODE");
        if (token is null) start.Environment.Remove("FLEETCTL_TOKEN");
        else start.Environment["FLEETCTL_TOKEN"] = token;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input ?? "");
        process.StandardInput.Close();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"fleetctl {string.Join(" ", args)} did not exit within 60 s");
        }

        return new CtlRun(process.ExitCode, await stdout, await stderr);
    }
}
