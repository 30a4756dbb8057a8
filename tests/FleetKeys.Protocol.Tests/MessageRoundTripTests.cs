using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Tests.Support;

namespace FleetKeys.Protocol.Tests;

public sealed class MessageRoundTripTests
{
    private const int Iterations = 3000;

    [Fact]
    public void Every_command_decodes_to_what_was_encoded()
    {
        var generator = new MessageGenerator(seed: 1);
        for (var i = 0; i < Iterations; i++)
        {
            var command = generator.NextCommand();
            var decoded = Command.DecodeData((byte)command.Code, command.EncodeData());
            Assert.True(decoded.IsSuccess, $"{command} -> {decoded.Error}");
            Assert.Equal(command, decoded.Message);
        }
    }

    [Fact]
    public void Every_reply_decodes_to_what_was_encoded()
    {
        var generator = new MessageGenerator(seed: 2);
        for (var i = 0; i < Iterations; i++)
        {
            var reply = generator.NextReply();
            var decoded = Reply.DecodeData((byte)reply.Code, reply.EncodeData());
            Assert.True(decoded.IsSuccess, $"{reply} -> {decoded.Error}");
            Assert.Equal(reply, decoded.Message);
        }
    }

    [Fact]
    public void The_generators_cover_every_message_and_event_type()
    {
        var generator = new MessageGenerator(seed: 3);
        var seen = new HashSet<Type>();
        for (var i = 0; i < 2000; i++)
        {
            seen.Add(generator.NextCommand().GetType());
            seen.Add(generator.NextReply().GetType());
            seen.Add(generator.NextEvent(1).GetType());
        }
        var all = typeof(Message).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && (type.IsSubclassOf(typeof(Message)) || type.IsSubclassOf(typeof(CabinetEvent))));
        Assert.Empty(all.Except(seen));
    }

    [Fact]
    public void Messages_survive_the_packet_around_them()
    {
        var generator = new MessageGenerator(seed: 4);
        for (var i = 0; i < 500; i++)
        {
            var command = generator.NextCommand();
            var parsed = Packet.Parse(Packet.Encode(0x2A, (byte)(i % 4), (byte)command.Code, command.EncodeData()));
            Assert.Equal(ProtocolError.None, parsed.Error);
            Assert.Equal(command, Command.DecodeData(parsed.Packet!.Code, parsed.Packet.Data.Span).Message);
            Assert.Equal((byte)(i % 4), parsed.Packet.Sequence);
            Assert.Equal(0x2A, parsed.Packet.BusAddress);
            Assert.False(parsed.Packet.IsReply);
        }
    }

    [Fact]
    public void Messages_survive_a_secure_session_both_ways()
    {
        var generator = new MessageGenerator(seed: 5);
        var link = Link.Established();
        for (var i = 0; i < 300; i++)
        {
            var command = generator.NextCommand();
            if (command is Challenge or ServerCryptogram or KeySet) continue;
            var reply = generator.NextReply();
            if (reply is Busy or Nak or ChallengeResponse or InitialRMac) continue;
            link.Handler = _ => reply;

            var step = link.Exchange(command);

            Assert.Equal(command, link.Executed[^1]);
            Assert.Equal(reply, Assert.IsType<PanelStep.ReplyReceived>(step).Reply);
        }
    }

    [Fact]
    public void A_vendor_other_than_FleetKeys_is_an_unknown_code_not_a_malformed_message()
    {
        var data = new StatusRequest().EncodeData();
        data[0] ^= 0xFF;
        Assert.Equal(ProtocolError.UnknownCode, Command.DecodeData((byte)CommandCode.Manufacturer, data).Error);
    }

    [Fact]
    public void Unknown_codes_and_trailing_bytes_are_refused()
    {
        Assert.Equal(ProtocolError.UnknownCode, Command.DecodeData(0x99, []).Error);
        Assert.Equal(ProtocolError.UnknownCode, Reply.DecodeData(0x99, []).Error);
        Assert.Equal(ProtocolError.Malformed, Command.DecodeData((byte)CommandCode.Poll, [0]).Error);
    }

    [Fact]
    public void Invalid_messages_are_refused_when_encoding()
    {
        Assert.Throws<ArgumentException>(() => new OutputControl([]).EncodeData());
        Assert.Throws<ArgumentException>(() =>
            new OutputControl([OutputAction.Unlock(3, TimeSpan.FromMilliseconds(150))]).EncodeData());
        Assert.Throws<ArgumentException>(() => new CardRead(0, CardFormat.RawWiegand, 26, new byte[3]).EncodeData());
        Assert.Throws<ArgumentException>(() => new KeySelected(0).EncodeData());
        Assert.Throws<ArgumentException>(() => new KeySelected(1, 10).EncodeData());
        Assert.Throws<ArgumentException>(() => new TextOutput(0, TextMode.PermanentNoWrap, 0, 1, 1, "naïve").EncodeData());
        Assert.Throws<ArgumentException>(() => new EventReport(1, [new DoorOpened(2, default), new DoorClosed(2, default)]).EncodeData());
        Assert.Throws<ArgumentException>(() => new EventReport(1, [new UnrecognisedEvent(1, default, 0x01, ByteString.Empty)]).EncodeData());
    }

    [Fact]
    public void A_slots_questions_carry_at_most_nine_reasons_of_at_most_80_bytes_and_only_the_three_return_questions()
    {
        string[] nine = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
        var longest = new string('x', 80);
        var full = new SetSlotQuestions(255, ReturnQuestions.Odometer | ReturnQuestions.Fuel | ReturnQuestions.Damage, [.. nine[..8], longest]);
        Assert.Equal(full, Command.DecodeData((byte)CommandCode.Manufacturer, full.EncodeData()).Message);

        Assert.Throws<ArgumentException>(() => new SetSlotQuestions(1, ReturnQuestions.None, [.. nine, "10"]).EncodeData());
        Assert.Throws<ArgumentException>(() => new SetSlotQuestions(1, ReturnQuestions.None, [longest + "x"]).EncodeData());
        Assert.Throws<ArgumentException>(() => new SetSlotQuestions(1, ReturnQuestions.None, [""]).EncodeData());
        Assert.Throws<ArgumentException>(() => new SetSlotQuestions(1, (ReturnQuestions)8, []).EncodeData());
        Assert.Throws<ArgumentException>(() => new SetSlotQuestions(0, ReturnQuestions.Fuel, []).EncodeData());

        // Ten reasons of one byte each, sent by hand: refused on the way in as well.
        var ten = new SetSlotQuestions(1, ReturnQuestions.None, nine).EncodeData().ToList();
        ten[6] = 10;
        ten.AddRange([1, (byte)'0']);
        Assert.Equal(ProtocolError.Malformed, Command.DecodeData((byte)CommandCode.Manufacturer, [.. ten]).Error);
        Assert.Equal(ProtocolError.Malformed, Command.DecodeData((byte)CommandCode.Manufacturer, [0x0A, 0x46, 0x4B, 0x0A, 1, 8, 0]).Error);
    }

    [Fact]
    public void Times_keep_milliseconds_and_drop_finer_ticks()
    {
        var now = new DateTimeOffset(2030, 5, 6, 7, 8, 9, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var decoded = (SetClock)Command.DecodeData((byte)CommandCode.Manufacturer, new SetClock(now).EncodeData()).Message!;
        Assert.Equal(now.AddTicks(-4567), decoded.Now);
    }

    [Fact]
    public void Slot_sets_hold_exactly_their_slots()
    {
        var slots = SlotSet.Of(1, 8, 9, 64, 255);
        Assert.Equal(new[] { 1, 8, 9, 64, 255 }, slots);
        Assert.False(slots.Contains(0));
        Assert.False(slots.Contains(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlotSet.Of(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlotSet.Of(256));
    }
}
