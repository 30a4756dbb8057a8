using System.Buffers;
using System.Globalization;
using System.Text;

namespace FleetKeys.Api.Problems;

/// <summary>
/// Follows HTTP/1.x message framing over a connection's bytes (request line, header lines, a Content-Length or chunked
/// body), only so far as to know where each request line starts, and finds one whose path holds a NUL (<c>%00</c>). What
/// it cannot follow with certainty — an upgrade, HTTP/2, TLS, a body framed two ways, a line longer than any server
/// accepts — it steps aside from for the rest of the connection: it never judges a byte it may have misplaced.
/// </summary>
public sealed class RequestFraming
{
    /// <summary>Longer than Kestrel's own limits on a request line and a header line, which refuse such a line anyway.</summary>
    public const int MaxLine = 64 * 1024;

    private enum State { RequestLine, Headers, Body, ChunkSize, ChunkData, ChunkEnd, Trailers, Aside }

    private State _state = State.RequestLine;
    private long _remaining;
    private long? _contentLength;
    private bool _chunked;
    private bool _unsure;

    /// <summary>Whether it has stepped aside: every further byte is passed on without being looked at.</summary>
    public bool Aside => _state == State.Aside;

    /// <summary>
    /// Reads as far into <paramref name="buffer"/> as it can decide. <c>Read</c> bytes may be passed on; the rest start
    /// with a line not yet complete. <c>Refuse</c>: the line at <c>Read</c> is a request line whose path holds a NUL.
    /// </summary>
    public (long Read, bool Refuse) Scan(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        while (!reader.End)
        {
            switch (_state)
            {
                case State.Aside:
                    reader.AdvanceToEnd();
                    break;
                case State.Body or State.ChunkData:
                    var part = Math.Min(_remaining, reader.Remaining);
                    reader.Advance(part);
                    _remaining -= part;
                    if (_remaining == 0) _state = _state == State.Body ? State.RequestLine : State.ChunkEnd;
                    break;
                default:
                    var start = reader.Consumed;
                    if (_state == State.RequestLine && !MayStartRequest(reader.UnreadSpan[0]))
                    {
                        // A TLS handshake or another protocol: waiting for its end of line would stall it.
                        _state = State.Aside;
                        break;
                    }

                    if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
                    {
                        if (reader.Remaining <= MaxLine) return (start, false);
                        _state = State.Aside;
                        break;
                    }

                    if (line.Length > MaxLine) _state = State.Aside;
                    else if (!Take(Text(line))) return (start, true);
                    break;
            }
        }

        return (reader.Consumed, false);
    }

    /// <summary>A method's first letter, or the empty line a client may send before a request.</summary>
    private static bool MayStartRequest(byte first) => first is >= (byte)'A' and <= (byte)'Z' or (byte)'\r' or (byte)'\n';

    private static string Text(ReadOnlySequence<byte> line) => Encoding.Latin1.GetString(line).TrimEnd('\r');

    /// <summary>Moves on by one whole line; false if it is a request line to refuse.</summary>
    private bool Take(string line)
    {
        switch (_state)
        {
            case State.RequestLine:
                // Servers skip empty lines before a request (RFC 9112, 2.2).
                if (line.Length == 0) return true;
                var parts = line.Split(' ');
                if (parts.Length != 3 || parts[2] is not ("HTTP/1.1" or "HTTP/1.0"))
                {
                    _state = State.Aside;
                    return true;
                }

                var path = parts[1].Split('?', 2)[0];
                if (path.Contains("%00", StringComparison.Ordinal)) return false;
                (_contentLength, _chunked, _unsure, _state) = (null, false, false, State.Headers);
                return true;
            case State.Headers:
                if (line.Length == 0) EndOfHeaders();
                else Header(line);
                return true;
            case State.ChunkSize:
                var size = line.Split(';', 2)[0].Trim();
                if (!long.TryParse(size, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _remaining) || _remaining < 0)
                    _state = State.Aside;
                else _state = _remaining == 0 ? State.Trailers : State.ChunkData;
                return true;
            case State.ChunkEnd:
                _state = line.Length == 0 ? State.ChunkSize : State.Aside;
                return true;
            default:
                if (line.Length == 0) _state = State.RequestLine;
                return true;
        }
    }

    private void Header(string line)
    {
        var colon = line.IndexOf(':');
        if (colon <= 0)
        {
            _unsure = true;
            return;
        }

        var name = line[..colon].Trim();
        var value = line[(colon + 1)..].Trim();
        if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
        {
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || (_contentLength is { } earlier && earlier != length))
                _unsure = true;
            _contentLength = length;
        }
        else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
        {
            if (value.Equals("chunked", StringComparison.OrdinalIgnoreCase)) _chunked = true;
            else _unsure = true;
        }
        else if (name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase))
        {
            // What follows an upgrade is not HTTP/1.1 when the server agrees, and this cannot see whether it does.
            _unsure = true;
        }
    }

    private void EndOfHeaders()
    {
        if (_unsure || (_chunked && _contentLength is not null)) _state = State.Aside;
        else if (_chunked) _state = State.ChunkSize;
        else if (_contentLength is { } length && length > 0)
        {
            _remaining = length;
            _state = State.Body;
        }
        else _state = State.RequestLine;
    }
}
