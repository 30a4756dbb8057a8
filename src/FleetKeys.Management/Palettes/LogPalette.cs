using FleetKeys.Management.Commands;
using FleetKeys.Management.Logs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using static FleetKeys.Management.Commands.ManagementCommand;

namespace FleetKeys.Management.Palettes;

/// <summary>The node's recent log lines, from memory: what happened here lately, without a shell on the host.</summary>
public sealed class LogPalette(RecentLogLines lines) : IPalette
{
    /// <summary>Serilog's names and Microsoft.Extensions.Logging's, so either vocabulary works.</summary>
    private static readonly Dictionary<string, LogLevel> Levels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["verbose"] = LogLevel.Trace, ["trace"] = LogLevel.Trace, ["debug"] = LogLevel.Debug,
        ["information"] = LogLevel.Information, ["info"] = LogLevel.Information, ["warning"] = LogLevel.Warning,
        ["warn"] = LogLevel.Warning, ["error"] = LogLevel.Error, ["fatal"] = LogLevel.Critical, ["critical"] = LogLevel.Critical,
    };

    public string Name => "log";

    public string Summary => "this node's recent log lines";

    public IReadOnlyList<ManagementCommand> Commands =>
    [
        Read("recent", "the latest lines at a level or above, oldest first", Recent,
            ArgumentSpec.Optional("level", "verbose, debug, information (default), warning, error or fatal"),
            ArgumentSpec.Optional("count", "how many lines, 1-1000 (default 50)")),
    ];

    private Task<IResult> Recent(CommandArguments args, CancellationToken _)
    {
        var count = args.Int("count", 50, 1, 1000);
        var level = LogLevel.Information;
        if (args.OptionalText("level") is { } name && !Levels.TryGetValue(name, out level))
            args.Check.Fail("level", "must be verbose, debug, information, warning, error or fatal");
        return args.Check.IsValid ? Answer.Ok(lines.Recent(level, count)) : Answer.Invalid(args);
    }
}
