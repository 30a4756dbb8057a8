namespace FleetKeys.Ctl.Interactive;

/// <summary>Where typed lines come from: a line editor on a terminal, or plain lines from redirected input.</summary>
public interface ILineReader
{
    /// <param name="remember">False for answers (a confirmation), which have no place in the history.</param>
    /// <returns>The line, or null at the end of input.</returns>
    string? ReadLine(string prompt, bool remember = true);
}
