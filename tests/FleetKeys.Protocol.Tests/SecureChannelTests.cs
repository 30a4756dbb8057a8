using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using FleetKeys.Protocol.Tests.Support;

namespace FleetKeys.Protocol.Tests;

public sealed class SecureChannelTests
{
    private static readonly byte[] PanelRandom = Enumerable.Range(0xA0, 8).Select(i => (byte)i).ToArray();
    private static readonly byte[] DeviceRandom = Enumerable.Range(0xB0, 8).Select(i => (byte)i).ToArray();

    [Fact]
    public void Every_frame_after_the_handshake_carries_a_chained_MAC()
    {
        var link = Link.Established();
        var first = Link.Parse(link.Panel.Send(new Poll()));
        var reply = Link.Parse(link.Deliver(first.Bytes.ToArray()).Response!);
        link.Return(reply.Bytes.ToArray());
        var second = Link.Parse(link.Panel.Send(new Poll()));
        link.Return(link.Deliver(second.Bytes.ToArray()).Response!);
        var withData = Link.Parse(link.Panel.Send(new SetClock(DateTimeOffset.UnixEpoch.AddDays(20000))));

        Assert.Equal(new SecurityBlock(SecurityBlockType.MacCommand, ByteString.Empty), first.Security);
        Assert.Equal(new SecurityBlock(SecurityBlockType.MacReply, ByteString.Empty), reply.Security);
        Assert.Equal(new SecurityBlock(SecurityBlockType.SecureCommand, ByteString.Empty), withData.Security);
        Assert.Equal(Packet.MacLength, first.Mac.Length);
        // The same command twice: only the chain differs, and so does the MAC.
        Assert.NotEqual(first.Mac.ToArray(), second.Mac.ToArray());
        Assert.Equal([2, 3], new[] { first.Sequence, second.Sequence });
    }

    [Fact]
    public void Sequence_numbers_run_1_2_3_1()
    {
        var link = Link.Established();
        var sequences = new List<byte>();
        for (var i = 0; i < 7; i++)
        {
            var frame = link.Panel.Send(new Poll());
            sequences.Add(Link.Parse(frame).Sequence);
            Assert.IsType<PanelStep.ReplyReceived>(link.Return(link.Deliver(frame).Response!));
        }
        Assert.Equal([2, 3, 1, 2, 3, 1, 2], sequences);
    }

    [Fact]
    public void Data_is_encrypted_on_the_wire()
    {
        var link = Link.Established();
        var text = new TextOutput(0, TextMode.PermanentNoWrap, 0, 1, 1, "TAKE KEY 17 NOW");
        var frame = link.Panel.Send(text);

        Assert.False(Link.Parse(frame).Data.Span.SequenceEqual(text.EncodeData()));
        Assert.Equal(ProtocolError.None, link.Deliver(frame).Error);
        Assert.Equal(text, Assert.Single(link.Executed));
    }

    [Fact]
    public void A_tampered_frame_fails_its_MAC_and_is_not_executed()
    {
        var tries = 0;
        for (var i = 5; ; i++)
        {
            var link = Link.Established();
            var frame = link.Panel.Send(new OutputControl([OutputAction.Unlock(3, TimeSpan.FromSeconds(5))]));
            if (i >= frame.Length - 2) break;
            var tampered = frame.ToArray();
            tampered[i] ^= 0x01;
            var packet = Packet.Parse(Link.WithFreshCrc(tampered)).Packet;
            if (packet is null) continue;
            var step = link.Controller.Receive(packet, _ => throw new Xunit.Sdk.XunitException("executed"));
            Assert.Contains(step.Error, new[] { ProtocolError.BadMac, ProtocolError.UnsupportedSecurityBlock, ProtocolError.WrongAddress });
            tries++;
        }
        Assert.True(tries > 20);
    }

    [Fact]
    public void A_bad_MAC_gets_a_plain_NAK_the_device_drops_its_session_and_the_panel_starts_over()
    {
        var link = Link.Established();
        var frame = link.Panel.Send(new Poll());
        var tampered = frame.ToArray();
        tampered[^3] ^= 0xFF;

        var step = link.Deliver(Link.WithFreshCrc(tampered));

        Assert.Equal(ProtocolError.BadMac, step.Error);
        Assert.Null(Link.Parse(step.Response!).Security);
        Assert.False(link.Controller.IsEstablished);
        Assert.Equal(NakCode.SecurityConditionsNotMet,
            Assert.IsType<PanelStep.SessionLost>(link.Return(step.Response!)).Reason);
        Assert.Equal(PanelState.NotSecured, link.Panel.State);
        // The genuine frame no longer finds a session either: the panel begins again with osdp_CHLNG.
        Assert.Equal(ProtocolError.NoSession, link.Deliver(frame).Error);
        link.Handshake();
        Assert.IsType<PanelStep.ReplyReceived>(link.Exchange(new Poll()));
        Assert.Single(link.Executed);
    }

    [Fact]
    public void A_replayed_frame_is_refused_even_when_its_sequence_number_fits()
    {
        var link = Link.Established();
        var recorded = link.Panel.Send(new OutputControl([OutputAction.Unlock(3, TimeSpan.FromSeconds(5))]));
        link.Return(link.Deliver(recorded).Response!);
        link.Exchange(new Poll());
        link.Exchange(new Poll());
        // Sequence 2, then 3, then 1: the device expects 2 again, the number the recording carries.
        Assert.Equal(2, Link.Parse(recorded).Sequence);

        var step = link.Deliver(recorded);

        // Its MAC was chained on an R-MAC long gone, so it cannot verify now.
        Assert.Equal(ProtocolError.BadMac, step.Error);
        Assert.Single(link.Executed, command => command is OutputControl);
        Assert.False(link.Controller.IsEstablished);
    }

    [Fact]
    public void A_device_reply_replayed_to_a_later_command_is_refused_and_the_genuine_one_still_counts()
    {
        var link = Link.Established();
        var recordedReply = link.Deliver(link.Panel.Send(new Poll())).Response!;
        link.Return(recordedReply);
        link.Exchange(new Poll());
        link.Exchange(new Poll());
        var genuine = link.Deliver(link.Panel.Send(new Poll())).Response!;

        Assert.Equal(ProtocolError.BadMac, Assert.IsType<PanelStep.Rejected>(link.Return(recordedReply)).Error);
        Assert.IsType<PanelStep.ReplyReceived>(link.Return(genuine));
    }

    [Fact]
    public void An_authentic_frame_out_of_sequence_is_refused_the_session_dropped_and_nothing_run()
    {
        var (link, forger) = LinkWithForger();
        var wrong = forger.Seal(sequence: 3, (byte)CommandCode.Poll, []);

        var step = link.Deliver(wrong);

        Assert.Equal(ProtocolError.BadSequence, step.Error);
        Assert.Equal(NakCode.BadSequence, HandshakeTests.DecodeNak(step.Response!));
        Assert.Empty(link.Executed);
        Assert.False(link.Controller.IsEstablished);
        link.Handshake();
        Assert.IsType<PanelStep.ReplyReceived>(link.Exchange(new Poll()));
    }

    [Fact]
    public void An_unknown_command_inside_the_session_is_NAKed_as_unknown()
    {
        var (link, forger) = LinkWithForger();
        var step = link.Deliver(forger.Seal(sequence: 2, 0x6F, []));
        Assert.Equal(ProtocolError.UnknownCode, step.Error);
        Assert.Empty(link.Executed);
    }

    [Fact]
    public void A_retransmitted_command_gets_the_same_reply_and_runs_once()
    {
        var link = Link.Established();
        var frame = link.Panel.Send(new OutputControl([OutputAction.Unlock(4, TimeSpan.FromSeconds(5))]));
        var first = link.Deliver(frame);
        var retry = link.Deliver(link.Panel.Retransmit());

        Assert.True(retry.IsRetransmission);
        Assert.Equal(first.Response, retry.Response);
        Assert.Single(link.Executed);
        Assert.IsType<PanelStep.ReplyReceived>(link.Return(retry.Response!));
        Assert.IsType<PanelStep.Duplicate>(link.Return(first.Response!));
        Assert.IsType<PanelStep.ReplyReceived>(link.Exchange(new Poll()));
    }

    [Fact]
    public void Busy_leaves_the_command_to_be_resent_and_run_then()
    {
        var link = Link.Established();
        var busy = true;
        link.Handler = _ => busy ? new Busy() : new Ack();
        var frame = link.Panel.Send(new SetClock(DateTimeOffset.UnixEpoch.AddDays(20000)));

        Assert.IsType<PanelStep.ControllerBusy>(link.Return(link.Deliver(frame).Response!));
        busy = false;
        var step = link.Return(link.Deliver(link.Panel.Retransmit()).Response!);

        Assert.IsType<Ack>(Assert.IsType<PanelStep.ReplyReceived>(step).Reply);
        Assert.Equal(2, link.Executed.Count);
    }

    [Fact]
    public void A_frame_the_controller_could_not_read_is_resent_unchanged()
    {
        var link = Link.Established();
        var frame = link.Panel.Send(new Poll());
        var nak = link.Controller.RejectUnreadable(Link.Parse(frame).Sequence);

        var resend = Assert.IsType<PanelStep.Resend>(link.Return(nak));

        Assert.Equal(NakCode.BadCrc, resend.Reason);
        Assert.Equal(frame, resend.Frame);
        Assert.IsType<PanelStep.ReplyReceived>(link.Return(link.Deliver(resend.Frame).Response!));
    }

    [Fact]
    public void A_restarted_controller_makes_the_panel_start_a_new_handshake()
    {
        var secret = ControllerSecret.Generate();
        var link = new Link(1, secret, secret);
        link.Handshake();
        link.Controller = new PeripheralChannel(1, secret);
        var step = link.Deliver(link.Panel.Send(new Poll()));

        Assert.Equal(ProtocolError.NoSession, step.Error);
        Assert.IsType<PanelStep.SessionLost>(link.Return(step.Response!));
        link.Handshake();
        Assert.IsType<PanelStep.ReplyReceived>(link.Exchange(new Poll()));
    }

    [Fact]
    public void Replies_nobody_asked_for_or_for_someone_else_are_refused()
    {
        var link = Link.Established();
        var reply = link.Deliver(link.Panel.Send(new Poll())).Response!;
        link.Return(reply);
        var sameAddress = Link.Established(address: 1);
        var otherAddress = Link.Established(address: 2);

        Assert.Equal(ProtocolError.UnexpectedReply,
            Assert.IsType<PanelStep.Rejected>(link.Return(sameAddress.Deliver(sameAddress.Panel.Send(new Poll())).Response!)).Error);
        Assert.Equal(ProtocolError.WrongAddress,
            Assert.IsType<PanelStep.Rejected>(link.Return(otherAddress.Deliver(otherAddress.Panel.Send(new Poll())).Response!)).Error);
        Assert.Equal(ProtocolError.WrongAddress, link.Controller.Receive(Link.Parse(reply), _ => new Ack()).Error);
        Assert.Equal(ProtocolError.WrongAddress, otherAddress.Controller.Receive(Link.Parse(link.Panel.Send(new Poll())), _ => new Ack()).Error);
    }

    [Fact]
    public void Misuse_of_the_panel_channel_is_a_programming_error()
    {
        var link = new Link();
        Assert.Throws<InvalidOperationException>(() => link.Panel.Send(new Poll()));
        Assert.Throws<InvalidOperationException>(() => link.Panel.Retransmit());
        link.Handshake();
        link.Panel.Send(new Poll());
        Assert.Throws<InvalidOperationException>(() => link.Panel.Send(new Poll()));
        link.Deliver(link.Panel.Retransmit());
        Assert.Throws<ArgumentException>(() => Link.Established().Panel.Send(new Challenge(new byte[8])));
    }

    /// <summary>
    /// A link plus a second sealer holding the same session keys and MAC chain as the panel right after the
    /// handshake: it can make authentic frames that a correct panel never would.
    /// </summary>
    private static (Link Link, SecureSession Forger) LinkWithForger()
    {
        var secret = ControllerSecret.Generate();
        var link = new Link(1, secret, secret, new FixedRandom(PanelRandom), new FixedRandom(DeviceRandom));
        link.Handshake();
        var keys = SessionKeys.Derive(Scbk.Derive(secret, 1), PanelRandom);
        var forger = new SecureSession(keys, isPanel: true, 1, keys.InitialRMac(keys.ServerCryptogram(PanelRandom, DeviceRandom)));
        return (link, forger);
    }
}
