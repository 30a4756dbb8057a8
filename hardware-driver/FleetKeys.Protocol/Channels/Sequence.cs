namespace FleetKeys.Protocol.Channels;

/// <summary>OSDP sequence numbers: 0 resets the link, then 1, 2, 3, 1, 2, 3...</summary>
public static class Sequence
{
    public static byte Next(byte sequence) => sequence >= 3 ? (byte)1 : (byte)(sequence + 1);

    /// <summary>What a controller accepts for a new command after <paramref name="last"/>: the next number, or a reset.</summary>
    internal static bool Follows(byte sequence, byte last) => sequence == 0 || sequence == Next(last);
}
