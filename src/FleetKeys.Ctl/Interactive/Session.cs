namespace FleetKeys.Ctl.Interactive;

/// <summary>
/// The interactive mode: one connection, a prompt, any number of commands. It ends at "exit", "quit" or the end of
/// input, with the exit code of the last command that failed (0 if none did), so a piped script can still be checked.
/// </summary>
/// <param name="prompt">Empty when the lines come from a script: prompts would only clutter its output.</param>
public sealed class Session(Shell shell, ILineReader lines, TextWriter messages, string prompt)
{
    public async Task<int> Run()
    {
        var list = shell.Commands;
        messages.WriteLine($"fleetctl: connected to {list.Node} at {shell.NodeAddress} as {list.Caller} ({list.Role}). " +
                           "'help' lists the palettes, Tab completes, 'exit' leaves.");
        var failed = ExitCodes.Ok;
        while (lines.ReadLine(prompt) is { } line)
        {
            var words = Words.Split(line);
            if (words is ["exit"] or ["quit"]) break;
            if (words.Count == 0) continue;
            var options = CtlOptions.Parse(words, out var usage);
            var code = options switch
            {
                null => messages.Report(ExitCodes.Usage, usage!),
                { Node: not null } or { TokenFile: not null } => messages.Report(ExitCodes.Usage, "--node and --token-file are given when fleetctl starts"),
                _ => await shell.Execute(options),
            };
            if (code != ExitCodes.Ok) failed = code;
        }

        return failed;
    }
}
