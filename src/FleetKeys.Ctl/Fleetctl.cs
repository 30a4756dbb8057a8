using FleetKeys.Cluster.Security;
using FleetKeys.Ctl.Interactive;

namespace FleetKeys.Ctl;

/// <summary>From arguments to exit code: options, token, the node's palettes, then one command or a session.</summary>
public static class Fleetctl
{
    public static async Task<int> Run(IReadOnlyList<string> args, ILineReader lines, TextWriter output, TextWriter error)
    {
        var options = CtlOptions.Parse(args, out var usage);
        if (options is null) return error.Report(ExitCodes.Usage, usage!);
        // Offline: a bundle is checked with the public key alone, so no node is asked.
        if (BundleCheck.Handles(options.Words)) return BundleCheck.Run(options.Words, options.Json, output, error);
        var node = options.ResolveNode();
        var caFile = options.ResolveCaFile();
        if (CtlOptions.NodeUri(node, caFile) is not { } uri)
            return error.Report(ExitCodes.Usage, $"the node must be given as host:port or https://host:port, not '{node}'");
        TrustedCa? ca;
        try
        {
            ca = caFile is null ? null : TrustedCa.FromPemFile(caFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException
                                      or InvalidOperationException)
        {
            return error.Report(ExitCodes.Unreachable, $"cannot read the CA file {caFile}: {e.Message}");
        }
        var token = Token.Resolve(options.TokenFile, out var tokenError);
        if (tokenError is not null) return error.Report(ExitCodes.Unreachable, tokenError);

        using var client = new NodeClient(node, uri, token, ca);
        // Before the palettes: a key that holds nothing may still ask who it is.
        if (options.Words is ["me"]) return await Me.Run(client, options.Json, output, error);
        var (list, failure) = await client.Discover();
        if (list is null)
        {
            // Palettes come from the node; without it, help can only say how fleetctl itself is used.
            if (options.Help || options.Words is ["help", ..]) output.WriteLine(Help.Usage);
            return error.Report(failure!.ExitCode, failure.Error!);
        }

        var shell = new Shell(client, list, lines, output, error);
        if (options is not { Words.Count: 0, Help: false }) return await shell.Execute(options);
        if (lines is not LineEditor editor) return await new Session(shell, lines, error, prompt: "").Run();
        editor.Complete = new Completer(list).Complete;
        return await new Session(shell, lines, error, $"fleetctl {node}> ").Run();
    }
}
