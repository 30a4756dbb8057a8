using FleetKeys.Protocol.Framing;

namespace FleetKeys.Protocol.Tests;

public sealed class CrcTests
{
    [Fact]
    public void Matches_the_catalogued_check_value_of_CRC16_AUG_CCITT() =>
        Assert.Equal(0xE5CC, Crc16.Compute("123456789"u8));

    [Fact]
    public void Of_nothing_is_the_seed() => Assert.Equal(Crc16.Seed, Crc16.Compute([]));

    // Packets from libosdp's own unit tests (tests/unit-tests/test-cp-phy.c): an independent OSDP
    // implementation, so these pin the byte order on the wire as well as the arithmetic.
    [Theory]
    [InlineData(0x65, 0, 0x60, "", "536508000460 6090")]
    [InlineData(0x65, 1, 0x61, "00", "53650900056100 E94D")]
    public void Frames_match_libosdp(byte address, byte sequence, byte code, string data, string expected)
    {
        var packet = Packet.Encode(address, sequence, code, Convert.FromHexString(data));
        Assert.Equal(expected.Replace(" ", ""), Convert.ToHexString(packet));
    }
}
