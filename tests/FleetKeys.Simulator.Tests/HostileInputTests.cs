using System.Buffers.Binary;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Simulator.Tests.Support;

namespace FleetKeys.Simulator.Tests;

public sealed class HostileInputTests
{
    [Fact]
    public async Task An_unreadable_frame_is_NAKed_for_a_resend_which_is_then_executed()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        var channel = panel.Channel(1);
        var poll = channel.Send(new Poll());

        // What a line hit would leave of a packet to address 1 with the same sequence number: the
        // header intact, the CRC not. (No 0x53 after the SOM, which the reader would take for a start.)
        var garbled = Packet.Encode(1, (byte)(poll[4] & 0x03), (byte)CommandCode.Poll, []);
        garbled[^2] = garbled[^1] = 0;
        var step = channel.Receive(await panel.ExchangeAsync(garbled));

        var resend = Assert.IsType<PanelStep.Resend>(step);
        Assert.Equal(poll, resend.Frame);
        Assert.IsType<PanelStep.ReplyReceived>(channel.Receive(await panel.ExchangeAsync(resend.Frame)));
        var counters = rig.Cabinet().Counters;
        Assert.Equal((1, 1, 1), (counters.Rejected, counters.Naks, counters.Count(ProtocolError.BadCrc)));
    }

    [Fact]
    public async Task A_bad_MAC_is_NAKed_and_counted_and_the_other_address_is_served_on()
    {
        await using var rig = await Rig.StartAsync(cabinets: 2);
        var panel = await rig.OnlineAsync(1, 2);
        var forged = panel.Channel(1).Send(new Poll());
        forged[^3] ^= 0x01;
        BinaryPrimitives.WriteUInt16LittleEndian(forged.AsSpan(forged.Length - 2), Crc16.Compute(forged.AsSpan(0, forged.Length - 2)));

        var step = panel.Channel(1).Receive(await panel.ExchangeAsync(forged));

        Assert.Equal(new PanelStep.SessionLost(NakCode.SecurityConditionsNotMet), step);
        Assert.Equal(1, rig.Cabinet(1).Counters.Count(ProtocolError.BadMac));
        Assert.IsType<Ack>(await panel.PollAsync(2));
        Assert.IsType<PanelStep.Established>(await panel.HandshakeAsync(1));
        Assert.IsType<Ack>(await panel.PollAsync(1));
    }

    [Fact]
    public async Task Noise_and_packets_for_other_addresses_are_skipped_and_counted_without_an_answer()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();

        await panel.WriteAsync([0x00, 0xFF, 0x10, 0x20, 0x30]);
        await panel.WriteAsync(Packet.Encode(0x05, 0, (byte)CommandCode.Poll, []));
        await panel.WriteAsync(Packet.Encode(Packet.BroadcastAddress, 0, (byte)CommandCode.Poll, []));

        // The next packet back answers this poll: nothing before it got a reply.
        Assert.IsType<Ack>(await panel.PollAsync(1));
        var counters = rig.Controller.Counters;
        Assert.Equal((5, 2), (counters.NoiseBytes, counters.IgnoredFrames));
    }

    [Fact]
    public async Task A_retry_gets_the_same_reply_byte_for_byte_and_does_not_run_twice()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        rig.Cabinet().PresentBadge(ByteString.FromHex("01"));
        rig.Cabinet().PresentBadge(ByteString.FromHex("02"));
        var poll = panel.Channel(1).Send(new Poll());
        var first = await panel.ExchangeAsync(poll);
        panel.Channel(1).Receive(first);

        var retry = await panel.ExchangeAsync(poll);

        Assert.Equal(first.Bytes.ToArray(), retry.Bytes.ToArray());
        Assert.Equal(1, rig.Cabinet().Counters.Retransmissions);
        var next = Assert.IsType<CardRead>(await panel.PollAsync(1));
        Assert.Equal(ByteString.FromHex("02"), next.Data);
    }
}
