using System.Collections.Immutable;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Simulator;

/// <summary>
/// What a reader shows and sounds — the last TEXT, the last LED record for each LED, the last BUZ — whether it is a
/// cabinet board's own reader or a stock one. Not thread-safe: its device calls it under its own lock.
/// </summary>
internal sealed class ReaderOutputs
{
    /// <summary>The display's text: what TEXT put there, or what the device shows itself; null before the first.</summary>
    public string? Text { get; set; }

    public BuzzerControl? Buzzer { get; private set; }

    public ImmutableDictionary<byte, LedRecord> Leds { get; private set; } = ImmutableDictionary<byte, LedRecord>.Empty;

    /// <summary>Carries out LED, BUZ or TEXT (ACK); null for any other command.</summary>
    public Ack? Obey(Command command)
    {
        switch (command)
        {
            case LedControl led:
                foreach (var record in led.Records) Leds = Leds.SetItem(record.Led, record);
                break;
            case BuzzerControl buzzer:
                Buzzer = buzzer;
                break;
            case TextOutput text:
                Text = text.Text;
                break;
            default:
                return null;
        }

        return new Ack();
    }

    /// <summary>A watch's probe: done with the text once the display shows one that matches.</summary>
    public (bool Done, string Text) Shows(Func<string, bool> predicate) => Text is { } text && predicate(text) ? (true, text) : (false, "");
}
