using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Driver.Exchanges;
using FleetKeys.Driver.Polling;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Driver.Tests;

/// <summary>
/// OSDP's discipline on a controller's bus: one exchange outstanding per cabinet, every reply matched to the cabinet and
/// command it answers, and the frames of every cabinet whose turn it is in one write.
/// </summary>
public sealed class ExchangeLoopSpecs
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly ControllerSecret _secret = ControllerSecret.Generate();
    private readonly Dictionary<byte, CabinetOnBus> _buses = [];
    private readonly Dictionary<byte, PeripheralChannel> _controller = [];
    private readonly LinkCounters _counts = new();
    private readonly ExchangeLoop _loop;
    private TimeSpan _busNow = TimeSpan.FromSeconds(10);

    public ExchangeLoopSpecs()
    {
        foreach (byte address in new byte[] { 1, 2, 3 })
        {
            _buses[address] = new CabinetOnBus(address, new AttachedCabinet(CabinetId.Parse($"cab-{address}"), false), new PanelChannel(address, _secret));
            _controller[address] = new PeripheralChannel(address, _secret);
        }

        var polls = new PollScheduler(_buses.Keys, new PollPacing(Interval, Interval, TimeSpan.FromSeconds(2)));
        _loop = new ExchangeLoop(_buses, polls, framesPerWrite: 2, maxRejectedInARow: 3, _counts, new FakeTimeProvider());
        _loop.Connect();
    }

    /// <summary>The controller's answer to one frame of a write.</summary>
    private byte[] Answer((CabinetOnBus Bus, byte[] Frame) sent, Reply? reply = null) =>
        _controller[sent.Bus.Address].Receive(Packet.Parse(sent.Frame).Packet!, _ => reply ?? new Ack()).Response!;

    /// <summary>The controller's answers to a whole write, in one write, as the simulator and a relaying serial server send them.</summary>
    private byte[] AnswerAll(BusStep.Transmit write) => [.. write.Frames.SelectMany(f => Answer(f))];

    /// <summary>Runs every cabinet's handshake to its end, then answers every poll due, so only cabinets given work are due next.</summary>
    private void Establish()
    {
        for (var step = _loop.Next(_busNow); step is not BusStep.Rest;)
        {
            var write = Assert.IsType<BusStep.Transmit>(step);
            step = _loop.Received(AnswerAll(write)).OfType<BusStep.Transmit>().SingleOrDefault() ?? _loop.Next(_busNow);
        }

        Assert.All(_buses.Values, b => Assert.True(b.Channel.IsEstablished));
    }

    [Fact]
    public void The_cabinets_whose_turn_it_is_get_their_frames_in_one_write_up_to_the_limit()
    {
        var write = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow));

        Assert.Equal([1, 2], write.Frames.Select(f => f.Bus.Address));
        Assert.Equal([.. write.Frames[0].Frame, .. write.Frames[1].Frame], write.Bytes);
    }

    [Fact]
    public void A_device_answering_with_the_default_key_gets_no_session_is_counted_and_the_rest_of_the_bus_carries_on()
    {
        _controller[1] = new PeripheralChannel(1, Scbk.Default);
        var write = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow));

        var steps = _loop.Received(AnswerAll(write));

        var refused = Assert.IsType<BusStep.Refused>(steps[0]);
        Assert.Equal(ProtocolError.DefaultKeyOffered, refused.Error);
        Assert.Null(refused.Drop);
        Assert.Equal(1, _counts.AuthFailures);
        Assert.Equal(PanelState.NotSecured, _buses[1].Channel.State);
        Assert.Equal([2], Assert.Single(steps.OfType<BusStep.Transmit>()).Frames.Select(f => f.Bus.Address));
    }

    [Fact]
    public void The_next_write_waits_until_every_cabinet_of_the_last_one_has_its_reply()
    {
        var write = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow));

        Assert.Null(_loop.Next(_busNow));
        var first = _loop.Received(Answer(write.Frames[0]));
        Assert.IsType<BusStep.Continued>(first[0]);
        var proof = Assert.IsType<BusStep.Transmit>(first[1]);
        Assert.Equal([1], proof.Frames.Select(f => f.Bus.Address));
        Assert.IsType<BusStep.Established>(Assert.Single(_loop.Received(Answer(proof.Frames[0]))));
        Assert.False(_loop.IsIdle);

        var second = _loop.Received(Answer(write.Frames[1]));
        var established = Assert.IsType<BusStep.Established>(Assert.Single(_loop.Received(Answer(((BusStep.Transmit)second[^1]).Frames[0]))));
        Assert.True(established.Ends);
        Assert.True(_loop.IsIdle);
    }

    [Fact]
    public void What_the_replies_of_one_read_call_for_leaves_in_one_write()
    {
        var write = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow));

        var steps = _loop.Received(AnswerAll(write));

        Assert.Equal(3, steps.Count);
        Assert.True(steps[0].Heard && steps[1].Heard);
        var proofs = Assert.IsType<BusStep.Transmit>(steps[2]);
        Assert.Equal([1, 2], proofs.Frames.Select(f => f.Bus.Address));
        Assert.False(proofs.Heard);
        Assert.Equal([typeof(BusStep.Established), typeof(BusStep.Established)], _loop.Received(AnswerAll(proofs)).Select(s => s.GetType()));
    }

    [Fact]
    public void Replies_are_matched_by_address_whatever_order_they_come_in()
    {
        Establish();
        var text = new TextOutput(0, TextMode.TemporaryWrap, 10, 0, 0, "hello");
        _buses[3].Enqueue(text);
        _buses[1].Enqueue(new StatusRequest());

        var write = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow));
        var replies = _loop.Received([.. Answer(write.Frames[1]), .. Answer(write.Frames[0])]).Cast<BusStep.Replied>().ToList();
        Assert.Equal(write.Frames.Select(f => f.Bus).Reverse(), replies.Select(r => r.Bus));

        Assert.Equal([(_buses[3], (Command?)text), (_buses[1], new StatusRequest())], replies.Select(r => (r.Bus, r.Sent)).OrderByDescending(r => r.Bus.Address));
        Assert.All(replies, r => Assert.IsType<Ack>(r.Reply));
        Assert.True(_loop.IsIdle);
    }

    [Fact]
    public void With_no_cabinet_due_the_bus_rests_until_the_next_poll()
    {
        Establish();

        Assert.Equal(new BusStep.Rest(Interval), _loop.Next(_busNow));
    }

    [Fact]
    public void Only_the_latest_writes_timeout_ends_what_is_unanswered_and_those_frames_go_again_byte_for_byte()
    {
        Establish();
        _buses[1].Enqueue(new StatusRequest());
        _buses[2].Enqueue(new StatusRequest());
        var write = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow));
        _loop.Received(Answer(write.Frames[0]));

        Assert.False(_loop.TimedOut(write.Exchange - 1));
        Assert.False(_loop.IsIdle);
        Assert.True(_loop.TimedOut(write.Exchange));
        Assert.False(_loop.TimedOut(write.Exchange));

        var again = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow));
        Assert.Equal(write.Frames[1].Frame, again.Frames.Single(f => f.Bus.Address == 2).Frame);
        Assert.True(again.Exchange > write.Exchange);
    }

    [Fact]
    public void A_session_whose_replies_stop_coming_is_started_over_and_counted_once_however_long_the_device_stays_silent()
    {
        Establish();
        _buses[2].Enqueue(new StatusRequest());
        for (var sent = 0; sent <= ProtocolTiming.MaxRetransmissions; sent++)
            Assert.True(_loop.TimedOut(Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow)).Exchange));
        Assert.Equal(0, _counts.SessionRestarts);

        var restart = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow));

        Assert.Equal([2], restart.Frames.Select(f => f.Bus.Address));
        Assert.False(_buses[2].Channel.IsEstablished);
        Assert.Equal(1, _counts.SessionRestarts);
        Assert.True(_loop.TimedOut(restart.Exchange));
        for (var sent = 0; sent <= 2 * ProtocolTiming.MaxRetransmissions; sent++)
            Assert.True(_loop.TimedOut(Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow)).Exchange));
        Assert.Equal(1, _counts.SessionRestarts);
        Assert.Equal(3 * ProtocolTiming.MaxRetransmissions + 3, _counts.Timeouts);
    }

    [Fact]
    public void A_reply_that_comes_after_its_timeout_is_refused_but_shows_the_controller_answers()
    {
        Establish();
        var write = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow + Interval));
        _loop.TimedOut(write.Exchange);

        var late = Assert.IsType<BusStep.Refused>(_loop.Received(Answer(write.Frames[0]))[0]);

        Assert.Equal(ProtocolError.UnexpectedReply, late.Error);
        Assert.True(late.Heard);
        Assert.Null(late.Drop);
    }

    [Fact]
    public void Late_replies_to_timed_out_exchanges_never_drop_the_link_however_many_but_a_second_reply_to_one_exchange_counts()
    {
        Establish();
        var lateReplies = new List<BusStep>();
        for (var i = 0; i < 5; i++)
        {
            _busNow += Interval;
            var write = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow));
            Assert.True(_loop.TimedOut(write.Exchange));
            lateReplies.AddRange(_loop.Received(AnswerAll(write)));
        }

        Assert.True(lateReplies.Count >= 5);
        Assert.All(lateReplies, step => Assert.Equal(new BusStep.Refused(ProtocolError.UnexpectedReply, true, null), step));
        Assert.True(_loop.Connected);

        // The same late reply once more is no longer late: it counts towards dropping the link, as any unexpected reply.
        _busNow += Interval;
        var last = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow));
        _loop.TimedOut(last.Exchange);
        var reply = Answer(last.Frames[0]);
        var again = _loop.Received([.. reply, .. reply, .. reply, .. reply]).Cast<BusStep.Refused>().ToList();
        Assert.Equal([null, null, null, "3 refused frames in a row"], again.Select(r => r.Drop));
    }

    [Fact]
    public void Each_send_of_a_frame_sent_again_may_be_answered_and_no_such_answer_counts_towards_dropping_the_link()
    {
        Establish();
        _busNow += Interval;
        var write = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow));
        Assert.True(_loop.TimedOut(write.Exchange));
        var again = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow));
        var resent = again.Frames.Single(f => f.Bus.Address == write.Frames[0].Bus.Address);
        Assert.Equal(write.Frames[0].Frame, resent.Frame);

        // The first send's answer is the exchange's; the device answers the second send too, then a stray copy comes twice.
        var answer = Answer(resent);
        var steps = _loop.Received([.. answer, .. answer, .. answer, .. answer]);

        Assert.IsType<BusStep.Replied>(steps[0]);
        Assert.All(steps.Skip(1), step => Assert.Equal(new BusStep.Refused(ProtocolError.UnexpectedReply, true, null), step));
        Assert.True(_loop.Connected);
    }

    [Fact]
    public void A_device_that_stayed_silent_is_forgiven_no_more_late_replies_than_one_frame_has_sends()
    {
        Establish();
        _buses[2].Enqueue(new StatusRequest());
        var first = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow));
        var reply = Answer(first.Frames.Single());
        Assert.True(_loop.TimedOut(first.Exchange));
        for (var sent = 0; sent < 10; sent++)
            Assert.True(_loop.TimedOut(Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow)).Exchange));

        var steps = _loop.Received([.. Enumerable.Repeat(reply, 6).SelectMany(r => r)]).Cast<BusStep.Refused>();

        Assert.Equal([null, null, null, null, null, "3 refused frames in a row"], steps.Select(s => s.Drop));
    }

    [Fact]
    public void Refused_frames_drop_the_link_only_when_they_come_so_many_in_a_row_and_nothing_after_is_read()
    {
        Establish();
        var write = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow + Interval));
        var reply = Answer(write.Frames[0]);
        // Well-formed, but for a cabinet that is not on this bus.
        var stray = Packet.Encode(Packet.ReplyFlag | 5, 0, 0x40, []);

        var twice = _loop.Received([.. stray, .. stray]);
        Assert.All(twice, step => Assert.Equal(new BusStep.Refused(ProtocolError.WrongAddress, true, null), step));
        Assert.IsType<BusStep.Replied>(Assert.Single(_loop.Received(reply)));

        var thrice = _loop.Received([.. stray, .. stray, .. stray, .. Answer(write.Frames[1])]).Cast<BusStep.Refused>().ToList();
        Assert.Equal([null, null, "3 refused frames in a row"], thrice.Select(r => r.Drop));
    }

    [Fact]
    public void Bytes_that_make_no_frame_are_refused_without_counting_as_an_answer()
    {
        var refused = Assert.IsType<BusStep.Refused>(_loop.Received([0xFF, 0xFF, 0xFF, 0xFF])[0]);

        Assert.False(refused.Heard);
    }

    [Fact]
    public void A_controller_that_fails_authentication_is_dropped_at_once()
    {
        var impostor = new PeripheralChannel(1, ControllerSecret.Generate());
        var write = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow));

        var response = impostor.Receive(Packet.Parse(write.Frames[0].Frame).Packet!, _ => new Ack()).Response!;
        var refused = Assert.IsType<BusStep.Refused>(Assert.Single(_loop.Received(response)));

        Assert.Equal(ProtocolError.HandshakeFailed, refused.Error);
        Assert.NotNull(refused.Drop);
    }

    [Fact]
    public void A_lost_connection_ends_the_exchanges_and_nothing_more_is_read_or_sent_on_it()
    {
        var write = Assert.IsType<BusStep.Transmit>(_loop.Next(_busNow));

        _loop.Disconnect();

        Assert.False(_loop.IsIdle);
        Assert.Null(_loop.Next(_busNow));
        Assert.Empty(_loop.Received(AnswerAll(write)));
        Assert.False(_loop.TimedOut(write.Exchange));
    }
}
