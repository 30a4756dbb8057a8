using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Tests.Support;

namespace FleetKeys.Protocol.Tests;

public sealed class FrameReaderTests
{
    private static readonly byte[][] Packets =
    [
        Packet.Encode(0x01, 1, 0x60, []),
        Packet.Encode(0x81, 1, 0x50, [0, 1, 26, 0, 0x12, 0x34, 0x56, 0x40]),
        Packet.Encode(0x02, 2, 0x6B, "hello"u8.ToArray()),
        Packet.Encode(0x82, 2, 0x40, []),
    ];

    [Fact]
    public void Finds_every_packet_however_the_stream_is_cut()
    {
        var random = new Random(7);
        var stream = Packets.SelectMany(p => p).ToArray();
        for (var round = 0; round < 200; round++)
        {
            var results = Feed(new FrameReader(), stream, random);
            Assert.Equal(Packets.Select(Convert.ToHexString), results.Select(r => Convert.ToHexString(r.Packet!.Bytes.Span)));
        }
    }

    [Fact]
    public void Skips_garbage_between_packets_and_reports_it_as_noise()
    {
        byte[] stream = [0x00, 0xFF, .. Packets[0], 0x01, 0x02, 0x03, .. Packets[1]];
        var results = Feed(new FrameReader(), stream, new Random(1));
        Assert.Equal([ProtocolError.Noise, ProtocolError.None, ProtocolError.Noise, ProtocolError.None], results.Select(r => r.Error));
        Assert.Equal([2, 0, 3, 0], results.Select(r => r.Discarded));
    }

    [Theory]
    [InlineData(new byte[] { 0x53, 0x01, 0x01, 0x08 }, ProtocolError.Oversize)]
    [InlineData(new byte[] { 0x53, 0x01, 0x03, 0x00 }, ProtocolError.BadLength)]
    [InlineData(new byte[] { 0x53, 0x01, 0x08, 0x00, 0x00 }, ProtocolError.Malformed)]
    public void Drops_a_false_start_at_once_without_waiting_for_its_length(byte[] falseStart, ProtocolError expected)
    {
        var results = Feed(new FrameReader(), [.. falseStart, .. Packets[0]], new Random(2));
        Assert.Equal(expected, results[0].Error);
        Assert.Equal(1, results[0].Discarded);
        Assert.Equal((byte?)0x01, results[0].AddressHint);
        Assert.Equal(Packets[0], results.Single(r => r.Packet is not null).Packet!.Bytes.ToArray());
    }

    [Fact]
    public void After_a_bad_CRC_finds_a_packet_that_started_inside_the_damaged_one()
    {
        // A damaged header claims 40 bytes, swallowing the real packet that follows it.
        byte[] damaged = [0x53, 0x01, 40, 0x00, 0x04, 0x60];
        var results = Feed(new FrameReader(), [.. damaged, .. Packets[2], .. new byte[40]], new Random(3));
        Assert.Contains(results, r => r.Error == ProtocolError.BadCrc);
        Assert.Contains(results, r => r.Packet is not null && r.Packet.Bytes.Span.SequenceEqual(Packets[2]));
    }

    [Fact]
    public void A_partial_packet_is_reported_truncated_when_discarded()
    {
        var reader = new FrameReader();
        reader.Append(Packets[1].AsSpan(0, 7));
        Assert.False(reader.TryRead(out _));
        var truncated = reader.DiscardPartial();
        Assert.Equal(ProtocolError.Truncated, truncated!.Value.Error);
        Assert.Equal(7, truncated.Value.Discarded);
        Assert.Equal(0, reader.Buffered);
        Assert.Null(reader.DiscardPartial());
    }

    [Fact]
    public void The_documented_writes_of_several_bus_addresses_read_as_whole_packets_back_to_back()
    {
        foreach (var (name, bytes) in DocumentExamples.OneWrite())
        {
            var reader = new FrameReader();
            reader.Append(bytes);
            var packets = new List<Packet>();
            while (reader.TryRead(out var result)) packets.Add(result.Packet ?? throw new InvalidOperationException($"{name}: {result.Error}"));

            Assert.Equal([1, 2], packets.Select(p => (int)p.BusAddress));
            Assert.Equal(bytes.Length, packets.Sum(p => p.Bytes.Length));
            Assert.Equal(0, reader.Buffered);
        }
    }

    [Fact]
    public async Task Reads_a_stream_to_its_end_and_reports_a_trailing_partial_packet()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var stream = new MemoryStream([.. Packets[0], .. Packets[1], .. Packets[2].AsSpan(0, 4)]);
        var results = new List<FrameResult>();
        var batches = new List<IReadOnlyList<FrameResult>>();
        await foreach (var batch in FrameReader.ReadBatchesAsync(stream, timeout.Token)) batches.Add(batch);

        // The whole stream came in one read: its two packets together, then the partial one at its end.
        Assert.Equal([[ProtocolError.None, ProtocolError.None], [ProtocolError.Truncated]], batches.Select(b => b.Select(r => r.Error)));
    }

    [Fact]
    public async Task A_stream_that_stalls_mid_packet_is_left_by_cancellation_not_hung_on()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var results = new List<FrameResult>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var batch in FrameReader.ReadBatchesAsync(new StallingStream([.. Packets[0], 0x53, 0x01, 0x40]), timeout.Token))
                results.AddRange(batch);
        });
        Assert.Equal(Packets[0], results.Single().Packet!.Bytes.ToArray());
    }

    private static List<FrameResult> Feed(FrameReader reader, byte[] stream, Random random)
    {
        var results = new List<FrameResult>();
        for (var offset = 0; offset < stream.Length;)
        {
            var chunk = Math.Min(random.Next(1, 24), stream.Length - offset);
            reader.Append(stream.AsSpan(offset, chunk));
            offset += chunk;
            while (reader.TryRead(out var result)) results.Add(result);
        }
        return results;
    }

    /// <summary>Gives its bytes, then blocks like a silent TCP peer until cancelled.</summary>
    private sealed class StallingStream(byte[] bytes) : Stream
    {
        private bool _given;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_given)
            {
                _given = true;
                bytes.CopyTo(buffer);
                return bytes.Length;
            }
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
