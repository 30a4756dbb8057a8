using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using FleetKeys.Protocol.Tests.Support;

namespace FleetKeys.Protocol.Tests;

public sealed class SecureChannelTests
{
    private static readonly byte[] PanelNonce = Enumerable.Range(0xA0, 16).Select(i => (byte)i).ToArray();
    private static readonly byte[] ControllerNonce = Enumerable.Range(0xB0, 16).Select(i => (byte)i).ToArray();

    [Fact]
    public void Every_frame_after_the_handshake_is_sealed_and_counted()
    {
        var link = Link.Established();
        var first = Link.Parse(link.Panel.Send(new Poll()));
        link.Return(link.Deliver(first.Bytes.ToArray()).Response!);
        var second = Link.Parse(link.Panel.Send(new Poll()));

        Assert.Equal(SecurityBlockType.SecureCommand, first.Security!.Value.Type);
        Assert.Equal([1, 0, 0, 0], first.Security.Value.Data.ToArray());
        Assert.Equal([2, 0, 0, 0], second.Security!.Value.Data.ToArray());
        Assert.Equal(Packet.MacLength, first.Mac.Length);
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
        var link = Link.Established();
        var frame = link.Panel.Send(new OutputControl([OutputAction.Unlock(3, TimeSpan.FromSeconds(5))]));
        for (var i = 5; i < frame.Length - 2; i++)
        {
            var tampered = frame.ToArray();
            tampered[i] ^= 0x01;
            var packet = Packet.Parse(Link.WithFreshCrc(tampered)).Packet;
            if (packet is null) continue;
            var step = link.Controller.Receive(packet, _ => throw new Xunit.Sdk.XunitException("executed"));
            Assert.Contains(step.Error, new[] { ProtocolError.BadMac, ProtocolError.UnsupportedSecurityBlock, ProtocolError.WrongAddress });
        }
        Assert.Empty(link.Executed);
        Assert.IsType<PanelStep.ReplyReceived>(link.Return(link.Deliver(frame).Response!));
    }

    [Fact]
    public void A_bad_MAC_gets_a_sealed_NAK_that_tells_the_panel_to_start_over()
    {
        var link = Link.Established();
        var frame = link.Panel.Send(new Poll());
        var tampered = frame.ToArray();
        tampered[^3] ^= 0xFF;

        var step = link.Deliver(Link.WithFreshCrc(tampered));

        Assert.Equal(ProtocolError.BadMac, step.Error);
        Assert.Equal(NakCode.SecurityConditionsNotMet,
            Assert.IsType<PanelStep.SessionLost>(link.Return(step.Response!)).Reason);
        Assert.Equal(PanelState.NotSecured, link.Panel.State);
    }

    [Fact]
    public void A_replayed_frame_is_refused_even_when_its_sequence_number_fits()
    {
        var link = Link.Established();
        var recorded = link.Panel.Send(new OutputControl([OutputAction.Unlock(3, TimeSpan.FromSeconds(5))]));
        link.Return(link.Deliver(recorded).Response!);
        link.Exchange(new Poll());
        link.Exchange(new Poll());
        // Sequence 2, then 3, then 1: the controller expects 2 again, the number the recording carries.
        Assert.Equal(2, Link.Parse(recorded).Sequence);

        var step = link.Deliver(recorded);

        Assert.Equal(ProtocolError.Replay, step.Error);
        Assert.Single(link.Executed, command => command is OutputControl);
    }

    [Fact]
    public void A_controller_reply_replayed_to_a_later_command_is_refused()
    {
        var link = Link.Established();
        var recordedReply = link.Deliver(link.Panel.Send(new Poll())).Response!;
        link.Return(recordedReply);
        link.Exchange(new Poll());
        link.Exchange(new Poll());
        link.Deliver(link.Panel.Send(new Poll()));

        Assert.Equal(ProtocolError.Replay, Assert.IsType<PanelStep.Rejected>(link.Return(recordedReply)).Error);
    }

    [Fact]
    public void An_authentic_frame_out_of_sequence_is_refused_and_consumes_nothing()
    {
        var (link, forger) = LinkWithForger();
        var wrong = forger.Seal(sequence: 3, (byte)CommandCode.Poll, []);

        var step = link.Deliver(wrong);

        Assert.Equal(ProtocolError.BadSequence, step.Error);
        Assert.Empty(link.Executed);
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
        Assert.Throws<ArgumentException>(() => Link.Established().Panel.Send(new Challenge(new byte[16])));
    }

    /// <summary>
    /// A link plus a second sealer holding the same session keys and a counter already past the
    /// panel's: it can make authentic frames that a correct panel never would.
    /// </summary>
    private static (Link Link, SecureSession Forger) LinkWithForger()
    {
        var secret = ControllerSecret.Generate();
        var link = new Link(1, secret, secret, new FixedRandom(PanelNonce), new FixedRandom(ControllerNonce));
        link.Handshake();
        var forger = new SecureSession(HandshakeCrypto.DeriveKeys(secret, 1, PanelNonce, ControllerNonce), isPanel: true, 1);
        for (var i = 0; i < 10; i++) forger.Seal(1, (byte)CommandCode.Poll, []);
        return (link, forger);
    }
}
