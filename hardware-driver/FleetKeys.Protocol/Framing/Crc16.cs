namespace FleetKeys.Protocol.Framing;

/// <summary>
/// OSDP's CRC-16: polynomial 0x1021, seed 0x1D0F, no reflection, no final XOR (the catalogued
/// CRC-16/AUG-CCITT, alias CRC-16/SPI-FUJITSU; check value for "123456789" is 0xE5CC).
/// Sent least significant byte first.
/// </summary>
public static class Crc16
{
    public const ushort Seed = 0x1D0F;
    public const ushort Polynomial = 0x1021;

    private static readonly ushort[] Table = BuildTable();

    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        var crc = Seed;
        foreach (var b in data)
            crc = (ushort)((crc << 8) ^ Table[(crc >> 8) ^ b]);
        return crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)(i << 8);
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ Polynomial) : (ushort)(crc << 1);
            table[i] = crc;
        }
        return table;
    }
}
