using System.Runtime.CompilerServices;

namespace FleetKeys.Protocol.Framing;

/// <summary>
/// Turns a byte stream (a TCP connection to a serial server) into packets. Feed it with
/// <see cref="Append"/> and drain it with <see cref="TryRead"/>. Garbage is skipped up to the next
/// SOM; a bad CRC drops only the SOM byte, so a real packet hidden inside a false one is still
/// found. It never throws on content and holds at most one maximum-size packet beyond what it was
/// last given.
/// </summary>
public sealed class FrameReader
{
    private byte[] _buffer = new byte[2 * Packet.MaxLength];
    private int _start;
    private int _end;

    public int Buffered => _end - _start;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_end + bytes.Length > _buffer.Length)
        {
            var needed = Buffered + bytes.Length;
            var target = needed > _buffer.Length ? new byte[Math.Max(needed, 2 * _buffer.Length)] : _buffer;
            _buffer.AsSpan(_start, Buffered).CopyTo(target);
            (_buffer, _end, _start) = (target, Buffered, 0);
        }
        bytes.CopyTo(_buffer.AsSpan(_end));
        _end += bytes.Length;
    }

    /// <summary>False when more bytes are needed; otherwise a packet or an error that consumed bytes.</summary>
    public bool TryRead(out FrameResult result)
    {
        var pending = _buffer.AsSpan(_start, Buffered);
        if (pending.IsEmpty)
        {
            result = default;
            return false;
        }

        var header = Packet.CheckHeader(pending[..Math.Min(pending.Length, Packet.HeaderLength)]);
        if (header == ProtocolError.Noise)
        {
            var som = pending.IndexOf(Packet.StartOfMessage);
            result = Consume(FrameResult.Failure(ProtocolError.Noise, som < 0 ? pending.Length : som, pending));
            return true;
        }
        if (header != ProtocolError.None)
        {
            // Only the SOM is dropped: the next packet may start anywhere after it.
            result = Consume(FrameResult.Failure(header, 1, pending));
            return true;
        }
        if (pending.Length < Packet.HeaderLength || pending.Length < Packet.DeclaredLength(pending))
        {
            result = default;
            return false;
        }

        result = Consume(Packet.ParseWhole(pending[..Packet.DeclaredLength(pending)]));
        return true;
    }

    /// <summary>
    /// Drops a partial packet, e.g. when a reply timed out or the stream ended: a corrupted length
    /// would otherwise make the reader wait for bytes that belong to the next packet.
    /// </summary>
    public FrameResult? DiscardPartial()
    {
        if (Buffered == 0) return null;
        var result = FrameResult.Failure(ProtocolError.Truncated, Buffered, _buffer.AsSpan(_start, Buffered));
        _start = _end = 0;
        return result;
    }

    /// <summary>
    /// Reads frames from a stream until it ends, as they arrived: the frames each read completed come together, so a
    /// controller can answer frames sent in one write with one write (a trailing partial packet is reported as truncated).
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<FrameResult>> ReadBatchesAsync(Stream stream,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = new FrameReader();
        var chunk = new byte[4096];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (reader.DiscardPartial() is { } truncated) yield return [truncated];
                yield break;
            }
            reader.Append(chunk.AsSpan(0, read));
            var batch = new List<FrameResult>();
            while (reader.TryRead(out var result)) batch.Add(result);
            if (batch.Count > 0) yield return batch;
        }
    }

    private FrameResult Consume(FrameResult result)
    {
        _start += result.Packet?.Bytes.Length ?? result.Discarded;
        if (_start == _end) _start = _end = 0;
        return result;
    }
}
