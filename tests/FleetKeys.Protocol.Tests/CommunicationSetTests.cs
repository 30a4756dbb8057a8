using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Tests.Support;

namespace FleetKeys.Protocol.Tests;

public sealed class CommunicationSetTests
{
    [Fact]
    public void COMSET_and_COM_carry_the_address_then_the_baud_rate_least_significant_byte_first()
    {
        byte[] expected = [0x05, 0x00, 0x96, 0x00, 0x00];

        Assert.Equal(expected, new CommunicationSet(0x05, 38400).EncodeData());
        Assert.Equal(expected, new CommunicationSettings(0x05, 38400).EncodeData());
        Assert.Equal(new CommunicationSet(0x05, 38400), Command.DecodeData(0x6E, expected).Message);
        Assert.Equal(new CommunicationSettings(0x05, 38400), Reply.DecodeData(0x54, expected).Message);
        Assert.Equal(ProtocolError.Malformed, Command.DecodeData(0x6E, expected[..4]).Error);
        Assert.Equal(ProtocolError.Malformed, Reply.DecodeData(0x54, [.. expected, 0x00]).Error);
    }

    [Theory]
    [InlineData(0x00, 9600u, true)]
    [InlineData(0x7E, 230400u, true)]
    [InlineData(0x7F, 9600u, false)]
    [InlineData(0x05, 14400u, false)]
    [InlineData(0x05, 0u, false)]
    public void A_COMSET_is_valid_for_a_device_address_and_a_rate_OSDP_names(byte address, uint baudRate, bool valid) =>
        Assert.Equal(valid, new CommunicationSet(address, baudRate).IsValid);

    [Fact]
    public void COMSET_in_a_session_reaches_the_device_and_its_COM_comes_back_sealed()
    {
        var link = Link.Established();
        link.Handler = command => command is CommunicationSet set ? new CommunicationSettings(set.Address, set.BaudRate) : new Ack();

        var step = link.Exchange(new CommunicationSet(0x05, 38400));

        Assert.Equal(new CommunicationSettings(0x05, 38400), Assert.IsType<PanelStep.ReplyReceived>(step).Reply);
        Assert.Equal(new CommunicationSet(0x05, 38400), Assert.Single(link.Executed));
    }

    [Fact]
    public void COMSET_outside_a_session_is_refused_and_never_reaches_the_device()
    {
        var link = new Link(1);
        var plain = Packet.Encode(1, 0, (byte)CommandCode.CommunicationSet, new CommunicationSet(0x05, 38400).EncodeData());

        var step = link.Deliver(plain);

        Assert.Equal(ProtocolError.NoSession, step.Error);
        Assert.Equal(new Nak(NakCode.SecurityConditionsNotMet), Reply.DecodeData(Link.Parse(step.Response!).Code, Link.Parse(step.Response!).Data.Span).Message);
        Assert.Empty(link.Executed);
    }
}
