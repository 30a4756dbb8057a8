namespace FleetKeys.Ctl.Tests.Cli;

public sealed class ArgumentBinderTests
{
    [Theory]
    [InlineData("warning 20", "level=warning count=20")]
    [InlineData("--count 20 warning", "level=warning count=20")]
    [InlineData("--count=20", "count=20")]
    [InlineData("", "")]
    public void Arguments_bind_by_name_then_by_position(string words, string expected)
    {
        var bound = ArgumentBinder.Bind(Palettes.Command("log", "recent"), Ctl.Words.Split(words), out var error);

        Assert.Null(error);
        Assert.Equal(expected, string.Join(" ", bound!.OrderByDescending(b => b.Key).Select(b => $"{b.Key}={b.Value}")));
    }

    [Theory]
    [InlineData("log", "recent", "a b c", "'recent' does not take 'c'")]
    [InlineData("log", "recent", "--level", "--level needs a value")]
    [InlineData("log", "recent", "--colour red", "'recent' has no argument --colour")]
    [InlineData("cluster", "down", "", "'down' needs <address>: a member")]
    public void Wrong_arguments_say_what_is_wrong(string palette, string command, string words, string expected)
    {
        Assert.Null(ArgumentBinder.Bind(Palettes.Command(palette, command), Ctl.Words.Split(words), out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Words_split_as_a_shell_would()
    {
        Assert.Equal(["people", "revoke", "p-1", "left the company", "it's", ""],
            Ctl.Words.Split("people  revoke p-1 \"left the company\" it\\'s ''"));
    }
}
