using FleetKeys.Ctl.Interactive;

namespace FleetKeys.Ctl.Tests.Cli;

public sealed class LineEditorTests
{
    private readonly StringWriter _screen = new();
    private readonly Queue<ConsoleKeyInfo> _keys = new();
    private readonly LineEditor _editor;

    public LineEditorTests() => _editor = new LineEditor(_keys.Dequeue, _screen) { Complete = new Completer(Palettes.List).Complete };

    private void Type(string text)
    {
        foreach (var c in text) _keys.Enqueue(new ConsoleKeyInfo(c, c == ' ' ? ConsoleKey.Spacebar : ConsoleKey.A, false, false, false));
    }

    private void Press(ConsoleKey key, bool control = false) => _keys.Enqueue(new ConsoleKeyInfo('\0', key, false, false, control));

    private string? Line()
    {
        Press(ConsoleKey.Enter);
        return _editor.ReadLine("> ");
    }

    [Fact]
    public void Typed_keys_make_the_line_and_editing_keys_change_it()
    {
        Type("cluster shwo");
        Press(ConsoleKey.Backspace);
        Press(ConsoleKey.Backspace);
        Type("ow");
        Press(ConsoleKey.Home);
        Press(ConsoleKey.Delete);
        Type("C");
        Press(ConsoleKey.End);
        Press(ConsoleKey.LeftArrow);
        Press(ConsoleKey.RightArrow);
        Type("!");

        Assert.Equal("Cluster show!", Line());
    }

    [Fact]
    public void Tab_completes_a_single_candidate_and_the_common_start_of_several()
    {
        Type("cl");
        Press(ConsoleKey.Tab);
        Type("d");
        Press(ConsoleKey.Tab);

        Assert.Equal("cluster down", Line());
    }

    [Fact]
    public void Tab_with_nothing_to_add_lists_the_candidates_and_keeps_the_line()
    {
        Type("c");
        Press(ConsoleKey.Tab);
        Type("u");
        Press(ConsoleKey.Tab);

        Assert.Equal("custody ", Line());
        Assert.Contains("cluster  custody", _screen.ToString());
    }

    [Fact]
    public void Up_and_down_walk_the_history_and_come_back_to_the_line_being_typed()
    {
        Type("cluster show");
        Line();
        Type("log recent");
        Line();
        Type("cus");
        Press(ConsoleKey.UpArrow);
        Press(ConsoleKey.UpArrow);
        Press(ConsoleKey.UpArrow);
        Assert.Equal("cluster show", Line());

        Type("cus");
        Press(ConsoleKey.UpArrow);
        Press(ConsoleKey.DownArrow);
        Type("tody");
        Assert.Equal("custody", Line());
        Assert.Equal(["cluster show", "log recent", "cluster show", "custody"], _editor.History);
    }

    [Fact]
    public void Answers_and_repeats_stay_out_of_the_history_and_ctrl_d_on_an_empty_line_ends_input()
    {
        Type("cluster show");
        Line();
        Type("cluster show");
        Line();
        Type("yes");
        Press(ConsoleKey.Enter);
        _editor.ReadLine("? ", remember: false);
        Press(ConsoleKey.D, control: true);

        Assert.Null(_editor.ReadLine("> "));
        Assert.Equal(["cluster show"], _editor.History);
    }
}
