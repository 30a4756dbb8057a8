using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// KEYPAD: keys pressed on the cabinet's keypad, OSDP layout: reader, count, then one byte per key,
/// ASCII digits with '*' sent as 0x7F and '#' as 0x0D. Here they read as the characters printed
/// on the keys. It travels only inside the encrypted session, and never prints: it is usually a PIN.
/// </summary>
public sealed record KeypadInput(byte Reader, string Keys) : Reply
{
    private const byte Star = 0x7F;
    private const byte Hash = 0x0D;

    public override ReplyCode Code => ReplyCode.Keypad;

    private protected override void WriteData(ref PayloadWriter writer)
    {
        if (Keys.Length > byte.MaxValue || !Keys.All(c => char.IsAsciiDigit(c) || c is '*' or '#'))
            throw new ArgumentException("keypad input is up to 255 of 0-9, '*' and '#'");
        writer.U8(Reader);
        writer.U8((byte)Keys.Length);
        foreach (var key in Keys) writer.U8(key switch { '*' => Star, '#' => Hash, _ => (byte)key });
    }

    internal static KeypadInput Read(ref PayloadReader reader)
    {
        var number = reader.U8();
        var keys = reader.Take(reader.U8());
        var text = new char[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            reader.Require(keys[i] is Star or Hash || char.IsAsciiDigit((char)keys[i]));
            text[i] = keys[i] switch { Star => '*', Hash => '#', var digit => (char)digit };
        }
        return new KeypadInput(number, new string(text));
    }

    public override string ToString() => $"KeypadInput {{ Reader = {Reader}, Keys = {Keys.Length} keys (redacted) }}";
}
