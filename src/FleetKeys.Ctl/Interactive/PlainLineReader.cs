namespace FleetKeys.Ctl.Interactive;

/// <summary>
/// Lines from redirected input (a script, a pipe): no editing. A prompt, when there is one (a confirmation), goes to
/// standard error with the answer read echoed after it, so a transcript shows what was asked and what was answered.
/// </summary>
public sealed class PlainLineReader(TextReader input, TextWriter prompts) : ILineReader
{
    public string? ReadLine(string prompt, bool remember = true)
    {
        var line = input.ReadLine();
        if (prompt.Length > 0) prompts.WriteLine($"{prompt}{line}");
        return line;
    }
}
