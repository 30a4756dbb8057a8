using System.Text;
using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>TEXT: a line for the cabinet's display, printable ASCII, OSDP layout.</summary>
public sealed record TextOutput(byte Reader, TextMode Mode, byte TemporarySeconds, byte Row, byte Column, string Text)
    : Command
{
    public override CommandCode Code => CommandCode.Text;

    private protected override void WriteData(ref PayloadWriter writer)
    {
        if (!IsPrintableAscii(Text) || Text.Length > byte.MaxValue)
            throw new ArgumentException("TEXT carries up to 255 printable ASCII characters");
        writer.U8(Reader);
        writer.U8((byte)Mode);
        writer.U8(TemporarySeconds);
        writer.U8(Row);
        writer.U8(Column);
        writer.U8((byte)Text.Length);
        writer.Bytes(Encoding.Latin1.GetBytes(Text));
    }

    internal static TextOutput Read(ref PayloadReader reader)
    {
        var (readerNumber, mode, seconds, row, column) = (reader.U8(), reader.Enum<TextMode>(), reader.U8(), reader.U8(), reader.U8());
        var text = Encoding.Latin1.GetString(reader.Take(reader.U8()));
        reader.Require(IsPrintableAscii(text));
        return new TextOutput(readerNumber, mode, seconds, row, column, text);
    }

    private static bool IsPrintableAscii(string text) => text.All(c => c is >= ' ' and <= '~');
}

public enum TextMode : byte
{
    PermanentNoWrap = 1,
    PermanentWrap = 2,
    TemporaryNoWrap = 3,
    TemporaryWrap = 4,
}
