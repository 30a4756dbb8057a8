using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Tests.Support;

namespace FleetKeys.Protocol.Tests;

public sealed class PacketTests
{
    private static readonly byte[] Poll = Packet.Encode(0x01, 1, 0x60, []);

    [Fact]
    public void Lays_out_the_OSDP_header()
    {
        var packet = Packet.Encode(0x05, 2, 0x6B, [0xAA, 0xBB], new SecurityBlock(SecurityBlockType.Challenge, new byte[] { 0x01 }));
        Assert.Equal("53 05 0D 00 0E 03 11 01 6B AA BB", Convert.ToHexString(packet.AsSpan(0, 11)).Chunk(2)
            .Select(pair => new string(pair)).Aggregate((a, b) => a + " " + b));
        var parsed = Packet.Parse(packet).Packet!;
        Assert.Equal(SecurityBlockType.Challenge, parsed.Security!.Value.Type);
        Assert.Equal([0x01], parsed.Security.Value.Data.ToArray());
        Assert.Equal([0xAA, 0xBB], parsed.Data.ToArray());
        Assert.True(parsed.Mac.IsEmpty);
    }

    [Fact]
    public void Replies_carry_the_reply_flag()
    {
        var parsed = Packet.Parse(Packet.Encode(0x85, 3, 0x40, [])).Packet!;
        Assert.True(parsed.IsReply);
        Assert.Equal(0x05, parsed.BusAddress);
        Assert.Equal(3, parsed.Sequence);
    }

    [Fact]
    public void A_flipped_bit_anywhere_fails_the_CRC_or_the_header()
    {
        for (var i = 0; i < Poll.Length; i++)
        for (var bit = 0; bit < 8; bit++)
        {
            var damaged = Poll.ToArray();
            damaged[i] ^= (byte)(1 << bit);
            Assert.NotEqual(ProtocolError.None, Packet.Parse(damaged).Error);
        }
    }

    [Theory]
    [InlineData("5301", ProtocolError.Truncated)]
    [InlineData("530107000460AAAA", ProtocolError.BadLength)]
    [InlineData("530101080460AAAA", ProtocolError.Oversize)]
    [InlineData("5201080004600000", ProtocolError.Noise)]
    [InlineData("530108000060AAAA", ProtocolError.Malformed)]
    [InlineData("530108001460AAAA", ProtocolError.Malformed)]
    public void Refuses_broken_headers(string hex, ProtocolError expected) =>
        Assert.Equal(expected, Packet.Parse(Convert.FromHexString(hex)).Error);

    [Fact]
    public void Refuses_a_length_field_that_disagrees_with_the_bytes()
    {
        Assert.Equal(ProtocolError.Truncated, Packet.Parse(Poll.AsSpan(0, Poll.Length - 1)).Error);
        Assert.Equal(ProtocolError.BadLength, Packet.Parse([.. Poll, 0x00]).Error);
    }

    [Fact]
    public void Refuses_a_security_block_that_overruns_the_packet()
    {
        byte[] frame = [0x53, 0x01, 0x0A, 0x00, 0x0C, 0x09, 0x11, 0x60, 0, 0];
        Assert.Equal(ProtocolError.Malformed, Packet.Parse(Link.WithFreshCrc(frame)).Error);
    }

    [Fact]
    public void Refuses_a_packet_too_short_for_its_MAC()
    {
        byte[] frame = [0x53, 0x01, 0x0C, 0x00, 0x0C, 0x02, 0x17, 0x60, 1, 2, 0, 0];
        Assert.Equal(ProtocolError.Malformed, Packet.Parse(Link.WithFreshCrc(frame)).Error);
    }

    [Fact]
    public void Will_not_build_what_it_would_refuse()
    {
        Assert.Throws<ArgumentException>(() => Packet.Encode(1, 0, 0x60, new byte[Packet.MaxLength]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Packet.Encode(1, 4, 0x60, []));
        Assert.Throws<ArgumentException>(() =>
            Packet.Encode(1, 1, 0x60, [], new SecurityBlock(SecurityBlockType.SecureCommand, new byte[4])));
    }
}
