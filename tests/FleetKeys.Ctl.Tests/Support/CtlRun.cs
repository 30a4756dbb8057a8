using System.Text.Json;

namespace FleetKeys.Ctl.Tests.Support;

/// <summary>What one fleetctl process did: its exit code and everything it printed.</summary>
public sealed record CtlRun(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    /// <summary>The output's lines, each without trailing blanks, for asserting on table rows.</summary>
    public IReadOnlyList<string> Lines => Out.Split('\n').Select(l => l.TrimEnd()).ToList();

    /// <summary>
    /// The line that starts with <paramref name="start"/>: a "name: value" line as [name:, value], a table row as its
    /// cells (split on runs of two or more blanks).
    /// </summary>
    public IReadOnlyList<string> Row(string start)
    {
        var line = Lines.FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal))
                   ?? throw new Xunit.Sdk.XunitException($"no line starts with '{start}' in:\n{this}");
        return start.EndsWith(':')
            ? [start, line[start.Length..].Trim()]
            : System.Text.RegularExpressions.Regex.Split(line.Trim(), @"\s{2,}");
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
}
