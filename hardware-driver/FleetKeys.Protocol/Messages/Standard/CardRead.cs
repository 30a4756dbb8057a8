using FleetKeys.Protocol.Binary;

namespace FleetKeys.Protocol.Messages;

/// <summary>
/// RAW: a badge was presented. OSDP layout: reader, format, bit count, then the bits packed most
/// significant first into ceil(bits / 8) bytes. The badge number FleetKeys stores and pushes in
/// allow-lists is exactly <see cref="Data"/> (as uppercase hex where a string is needed).
/// </summary>
public sealed record CardRead(byte Reader, CardFormat Format, ushort BitCount, ByteString Data) : Reply
{
    public override ReplyCode Code => ReplyCode.CardData;

    private protected override void WriteData(ref PayloadWriter writer)
    {
        if (BitCount == 0) throw new ArgumentException("a card read has at least one bit");
        writer.U8(Reader);
        writer.U8((byte)Format);
        writer.U16(BitCount);
        writer.Fixed(Data, DataLength(BitCount), "card data");
    }

    internal static CardRead Read(ref PayloadReader reader)
    {
        var (number, format, bits) = (reader.U8(), reader.Enum<CardFormat>(), reader.U16());
        reader.Require(bits > 0);
        return new CardRead(number, format, bits, reader.Fixed(DataLength(bits)));
    }

    private static int DataLength(int bits) => (bits + 7) / 8;
}

public enum CardFormat : byte
{
    RawUnspecified = 0,
    RawWiegand = 1,
}
