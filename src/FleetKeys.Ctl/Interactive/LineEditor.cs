using System.Text;

namespace FleetKeys.Ctl.Interactive;

/// <summary>
/// A small line editor for a terminal: cursor keys, Home/End (Ctrl+A/E), Backspace/Delete, history on Up/Down, Tab
/// completion, Ctrl+D on an empty line to leave (Ctrl+C stays the terminal's: it ends fleetctl, even mid-command).
/// Keys come from a function, so it is tested without a console.
/// </summary>
public sealed class LineEditor(Func<ConsoleKeyInfo> readKey, TextWriter output) : ILineReader
{
    private readonly List<string> _history = [];

    public IReadOnlyList<string> History => _history;

    public Func<string, Completion>? Complete { get; set; }

    public string? ReadLine(string prompt, bool remember = true)
    {
        var line = new StringBuilder();
        var cursor = 0;
        var recalled = _history.Count;
        var draft = "";
        output.Write(prompt);
        while (true)
        {
            var key = readKey();
            var control = key.Modifiers.HasFlag(ConsoleModifiers.Control);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    output.WriteLine();
                    var text = line.ToString();
                    if (remember && !string.IsNullOrWhiteSpace(text) && (_history.Count == 0 || _history[^1] != text)) _history.Add(text);
                    return text;
                case ConsoleKey.D when control && line.Length == 0:
                    output.WriteLine();
                    return null;
                case ConsoleKey.Backspace when cursor > 0:
                    line.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < line.Length:
                    line.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0:
                    cursor--;
                    break;
                case ConsoleKey.RightArrow when cursor < line.Length:
                    cursor++;
                    break;
                case ConsoleKey.Home:
                case ConsoleKey.A when control:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                case ConsoleKey.E when control:
                    cursor = line.Length;
                    break;
                case ConsoleKey.UpArrow when recalled > 0:
                    if (recalled == _history.Count) draft = line.ToString();
                    cursor = Replace(line, _history[--recalled]);
                    break;
                case ConsoleKey.DownArrow when recalled < _history.Count:
                    cursor = Replace(line, ++recalled == _history.Count ? draft : _history[recalled]);
                    break;
                case ConsoleKey.Tab:
                    cursor = Completed(line, cursor, prompt);
                    break;
                default:
                    if (!control && !char.IsControl(key.KeyChar)) line.Insert(cursor++, key.KeyChar);
                    break;
            }

            // Redraw the whole line: simpler than tracking each change, and the line is short.
            output.Write($"\r{prompt}{line}\x1b[K");
            if (cursor < line.Length) output.Write($"\x1b[{line.Length - cursor}D");
        }
    }

    private static int Replace(StringBuilder line, string text)
    {
        line.Clear().Append(text);
        return line.Length;
    }

    /// <summary>One candidate: completed with a space after. Several: their common start, or the list when there is none to add.</summary>
    private int Completed(StringBuilder line, int cursor, string prompt)
    {
        if (Complete is null) return cursor;
        var completion = Complete(line.ToString(0, cursor));
        if (completion.Candidates.Count == 0) return cursor;
        var typed = cursor - completion.Start;
        var common = completion.Candidates.Aggregate((a, b) => a[..a.Zip(b).TakeWhile(p => p.First == p.Second).Count()]);
        var insert = completion.Candidates.Count == 1 ? completion.Candidates[0][typed..] + " " : common[typed..];
        if (insert.Length == 0)
        {
            output.WriteLine();
            output.WriteLine(string.Join("  ", completion.Candidates));
            output.Write(prompt);
        }

        line.Insert(cursor, insert);
        return cursor + insert.Length;
    }
}
