using FleetKeys.Ctl.Interactive;

namespace FleetKeys.Ctl.Tests.Cli;

public sealed class CompleterTests
{
    private readonly Completer _completer = new(Palettes.List);

    [Theory]
    [InlineData("", 0, new[] { "cluster", "custody", "exit", "help", "log", "quit" })]
    [InlineData("c", 0, new[] { "cluster", "custody" })]
    [InlineData("cl", 0, new[] { "cluster" })]
    [InlineData("help cu", 5, new[] { "custody" })]
    [InlineData("cluster ", 8, new[] { "show", "status", "down", "down-unreachable" })]
    [InlineData("cluster down", 8, new[] { "down", "down-unreachable" })]
    [InlineData("cluster st", 8, new[] { "status" })]
    [InlineData("log recent --", 11, new[] { "--count", "--json", "--level", "--yes" })]
    [InlineData("log recent --level warning --", 27, new[] { "--count", "--json", "--yes" })]
    [InlineData("cluster down --y", 13, new[] { "--yes" })]
    [InlineData("alarms ", 7, new string[0])]
    [InlineData("log recent war", 11, new string[0])]
    public void Completes_palettes_then_commands_then_argument_names(string line, int start, string[] candidates)
    {
        var completion = _completer.Complete(line);

        Assert.Equal(start, completion.Start);
        Assert.Equal(candidates.Order(StringComparer.Ordinal), completion.Candidates);
    }
}
