using FleetKeys.Ctl.Interactive;
using FleetKeys.Ctl.Output;

namespace FleetKeys.Ctl;

/// <summary>Runs one command line against the node, one-shot or in a session: help, binding, permission, confirmation, output.</summary>
public sealed class Shell(NodeClient client, CommandList list, ILineReader lines, TextWriter output, TextWriter error)
{
    public CommandList Commands => list;

    public string NodeAddress => client.Node;

    public async Task<int> Execute(CtlOptions options)
    {
        switch (options.Words)
        {
            case [] or ["help"]:
                Help.Overview(output, list);
                return ExitCodes.Ok;
            case ["help", var name] when list.Palette(name) is { } palette:
                Help.Palette(output, palette);
                return ExitCodes.Ok;
            case ["help", var name]:
                return UnknownPalette(name);
            case [var name, ..] when list.Palette(name) is null:
                return UnknownPalette(name);
            case [var name] when options.Help:
                Help.Palette(output, list.Palette(name)!);
                return ExitCodes.Ok;
            case [var name]:
                Help.Palette(error, list.Palette(name)!);
                return error.Report(ExitCodes.Usage, $"'{name}' needs a command (listed above)");
        }

        var paletteInfo = list.Palette(options.Words[0])!;
        if (paletteInfo.Command(options.Words[1]) is not { } command)
            return error.Report(ExitCodes.Usage, $"'{paletteInfo.Name}' has no command '{options.Words[1]}'; it has: " +
                                                 string.Join(", ", paletteInfo.Commands.Select(c => c.Name)));

        if (options.Help)
        {
            Help.Palette(output, paletteInfo with { Commands = [command] });
            return ExitCodes.Ok;
        }

        var arguments = ArgumentBinder.Bind(command, options.Words.Skip(2).ToList(), out var usage);
        if (arguments is null) return error.Report(ExitCodes.Usage, $"{usage}. Usage: {paletteInfo.Name} {Help.Synopsis(command)}");
        if (!command.Allowed)
            return error.Report(ExitCodes.Unreachable, $"'{paletteInfo.Name} {command.Name}' needs the {command.Role} role; this API key is {list.Role}");
        if (command.Destructive && !options.Yes && !Confirmed(paletteInfo, command, arguments))
            return error.Report(ExitCodes.Failed, "not confirmed; nothing was done");

        var reply = await client.Run(paletteInfo.Name, command.Name, arguments);
        if (reply.Error is not null) return error.Report(reply.ExitCode, reply.Error);
        if (options.Out is null)
        {
            Write(output, reply, options.Json);
            return ExitCodes.Ok;
        }

        var answer = new StringWriter();
        Write(answer, reply, options.Json);
        try
        {
            await File.WriteAllTextAsync(options.Out, answer.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return error.Report(ExitCodes.Failed, $"cannot write {options.Out}: {e.Message}");
        }

        output.WriteLine($"wrote {options.Out}");
        return ExitCodes.Ok;
    }

    /// <summary>An answer that is a file (a CSV export) as the node wrote it; JSON as JSON or for people.</summary>
    private static void Write(TextWriter output, Reply reply, bool json)
    {
        if (reply.Data.ValueKind == System.Text.Json.JsonValueKind.Undefined) output.Write(reply.Body);
        else if (json) Renderer.Json(output, reply.Data);
        else Renderer.Text(output, reply.Data);
    }

    private bool Confirmed(PaletteInfo palette, CommandInfo command, IReadOnlyDictionary<string, string> arguments)
    {
        error.WriteLine($"{string.Join(" ", arguments.Values.Prepend(command.Name).Prepend(palette.Name))}: {command.Summary}.");
        var answer = lines.ReadLine("Type 'yes' to go ahead: ", remember: false);
        return answer?.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase) == true;
    }

    private int UnknownPalette(string name) =>
        error.Report(ExitCodes.Usage, $"this node serves no palette '{name}'; it serves: {string.Join(", ", list.Palettes.Select(p => p.Name))}");
}
