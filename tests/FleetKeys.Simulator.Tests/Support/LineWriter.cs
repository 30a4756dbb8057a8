using System.Text;
using System.Threading.Channels;

namespace FleetKeys.Simulator.Tests.Support;

/// <summary>A TextWriter whose lines a test can await one by one, as they are written.</summary>
internal sealed class LineWriter : TextWriter
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    public override Encoding Encoding => Encoding.UTF8;

    public override void WriteLine(string? value) => _lines.Writer.TryWrite(value ?? "");

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public async Task<string> NextAsync() => await _lines.Reader.ReadAsync().AsTask().WaitAsync(TestPanel.Patience);
}
