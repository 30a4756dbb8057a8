using System.Diagnostics;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Tests.Support;

namespace FleetKeys.Protocol.Tests;

/// <summary>
/// Whatever arrives, decoding ends in a typed result: no exception escapes, nothing loops, every
/// byte is accounted for.
/// </summary>
public sealed class HostileInputTests
{
    [Fact]
    public void Random_data_under_every_code_decodes_to_a_result()
    {
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var data = new byte[random.Next(0, 80)];
            random.NextBytes(data);
            if (random.Next(3) == 0 && data.Length >= 4) (data[0], data[1], data[2]) = (0x0A, 0x46, 0x4B);
            var code = (byte)random.Next(256);
            AssertConsistent(Command.DecodeData(code, data));
            AssertConsistent(Reply.DecodeData(code, data));
        }
    }

    [Fact]
    public void Damaged_and_truncated_messages_decode_to_a_result()
    {
        var generator = new MessageGenerator(seed: 12);
        var random = new Random(12);
        for (var i = 0; i < 2000; i++)
        {
            Message message = i % 2 == 0 ? generator.NextCommand() : generator.NextReply();
            var data = message.EncodeData();
            for (var cut = 0; cut < data.Length; cut += 1 + data.Length / 16) Decode(message, data[..cut]);
            if (data.Length == 0) continue;
            var damaged = data.ToArray();
            damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            Decode(message, damaged);
        }
    }

    [Fact]
    public void Random_streams_are_consumed_completely_and_quickly()
    {
        var random = new Random(13);
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < 200; round++)
        {
            var reader = new FrameReader();
            var stream = new byte[random.Next(1, 4000)];
            random.NextBytes(stream);
            // Sprinkle start-of-message bytes so that headers, not just noise, get exercised.
            for (var i = 0; i < stream.Length; i += random.Next(1, 30)) stream[i] = Packet.StartOfMessage;
            var consumed = 0;
            for (var offset = 0; offset < stream.Length;)
            {
                var chunk = Math.Min(random.Next(1, 300), stream.Length - offset);
                reader.Append(stream.AsSpan(offset, chunk));
                offset += chunk;
                while (reader.TryRead(out var result))
                    consumed += result.Packet?.Bytes.Length ?? result.Discarded;
            }
            Assert.Equal(stream.Length, consumed + reader.Buffered);
            Assert.True(reader.Buffered < Packet.MaxLength);
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Channels_take_random_packets_without_throwing()
    {
        var random = new Random(14);
        var link = Link.Established();
        for (var i = 0; i < 3000; i++)
        {
            var data = new byte[random.Next(0, 40)];
            random.NextBytes(data);
            var security = random.Next(3) switch
            {
                0 => (SecurityBlock?)null,
                1 => new SecurityBlock((SecurityBlockType)random.Next(0x10, 0x15), new byte[random.Next(0, 5)]),
                _ => new SecurityBlock((SecurityBlockType)random.Next(0x17, 0x19), new byte[4]),
            };
            var frame = Link.WithFreshCrc(Encode(data, security, random));
            var packet = Packet.Parse(frame).Packet;
            if (packet is null) continue;
            var step = link.Controller.Receive(packet, _ => throw new Xunit.Sdk.XunitException("a forged packet was executed"));
            Assert.NotEqual(ProtocolError.None, step.Error);
            Assert.IsType<PanelStep.Rejected>(link.Panel.Receive(packet));
        }
    }

    private static byte[] Encode(byte[] data, SecurityBlock? security, Random random)
    {
        // Built by hand: Packet.Encode rightly refuses MAC-carrying blocks without keys.
        var macLength = security is { } s && (byte)s.Type >= 0x15 ? Packet.MacLength : 0;
        var blockLength = security is { } b ? 2 + b.Data.Length : 0;
        var length = 5 + blockLength + 1 + data.Length + macLength + 2;
        var frame = new byte[length];
        frame[0] = Packet.StartOfMessage;
        frame[1] = (byte)(random.Next(2) * 0x80 | 1);
        (frame[2], frame[3]) = ((byte)length, (byte)(length >> 8));
        frame[4] = (byte)(random.Next(4) | 0x04 | (security is null ? 0 : 0x08));
        if (security is { } block)
        {
            frame[5] = (byte)blockLength;
            frame[6] = (byte)block.Type;
            block.Data.Span.CopyTo(frame.AsSpan(7));
        }
        // Any code but the handshake's, which a random packet could legitimately start.
        var code = (byte)random.Next(0x40, 0x92);
        frame[5 + blockLength] = code is 0x76 or 0x77 ? (byte)0x80 : code;
        data.CopyTo(frame, 6 + blockLength);
        random.NextBytes(frame.AsSpan(6 + blockLength + data.Length, macLength));
        return frame;
    }

    private static void Decode(Message original, byte[] data)
    {
        if (original is Command command) AssertConsistent(Command.DecodeData((byte)command.Code, data));
        else AssertConsistent(Reply.DecodeData((byte)((Reply)original).Code, data));
    }

    private static void AssertConsistent<T>(DecodeResult<T> result) where T : Message =>
        Assert.Equal(result.IsSuccess, result.Message is not null);
}
