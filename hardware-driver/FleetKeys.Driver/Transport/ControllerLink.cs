using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading.Channels;

namespace FleetKeys.Driver.Transport;

/// <summary>
/// One TCP connection to a controller, plain or in TLS 1.3 with the controller's certificate pinned
/// (<see cref="PinnedCertificate"/>). Reading and writing each run on a task of their own, so whoever owns the link — an
/// actor — never blocks on the socket: <see cref="Write"/> queues and returns. Everything the link learns (bytes, the end
/// of the connection) goes to <c>report</c>, tagged with the generation the owner gave it, so the owner can tell a link it
/// already replaced from the current one.
/// </summary>
public sealed class ControllerLink : IDisposable
{
    /// <summary>A serial server that accepts the connection and never finishes the TLS handshake is given up after this.</summary>
    private static readonly TimeSpan TlsHandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly Stream _stream;
    private readonly int _generation;
    private readonly Action<LinkEvent> _report;
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closed = new();
    private int _lost;

    private ControllerLink(Stream stream, int generation, Action<LinkEvent> report)
    {
        _stream = stream;
        _generation = generation;
        _report = report;
    }

    /// <summary>
    /// Connects in the background and reports <see cref="LinkEvent.Connected"/> or <see cref="LinkEvent.DialFailed"/>. With
    /// <paramref name="tlsThumbprint"/>, the connection is TLS 1.3 and only a controller presenting that certificate is
    /// trusted; any other is refused (<see cref="LinkEvent.DialFailed.Untrusted"/>) before a byte of OSDP is sent.
    /// </summary>
    public static void Dial(string host, int port, int generation, Action<LinkEvent> report, string? tlsThumbprint = null) =>
        _ = DialAsync(host, port, generation, report, tlsThumbprint);

    private static async Task DialAsync(string host, int port, int generation, Action<LinkEvent> report, string? tlsThumbprint)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port);
        }
        catch (Exception e)
        {
            socket.Dispose();
            report(new LinkEvent.DialFailed(e.GetBaseException().Message, generation));
            return;
        }

        Stream stream = new NetworkStream(socket, ownsSocket: true);
        if (tlsThumbprint is { } pinned)
        {
            var certificate = new PinnedCertificate(pinned);
            var tls = new SslStream(stream, leaveInnerStreamOpen: false, certificate.Validate);
            try
            {
                using var bound = new CancellationTokenSource(TlsHandshakeTimeout);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    EnabledSslProtocols = SslProtocols.Tls13,
                    CertificateRevocationCheckMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck,
                }, bound.Token);
            }
            catch (Exception e)
            {
                await tls.DisposeAsync();
                report(certificate.Refusal is { } refusal
                    ? new LinkEvent.DialFailed(refusal, generation, Untrusted: true)
                    : new LinkEvent.DialFailed($"TLS handshake failed: {e.GetBaseException().Message}", generation));
                return;
            }

            stream = tls;
        }

        var link = new ControllerLink(stream, generation, report);
        report(new LinkEvent.Connected(link, generation));
        link.Start();
    }

    private void Start()
    {
        _ = Task.Run(ReadLoop);
        _ = Task.Run(WriteLoop);
    }

    /// <summary>Queues a frame; frames leave in the order they were queued. After the link is closed or lost, a frame is dropped.</summary>
    public void Write(byte[] frame) => _outgoing.Writer.TryWrite(frame);

    private async Task ReadLoop()
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await _stream.ReadAsync(buffer, _closed.Token);
                if (read == 0)
                {
                    Lose("closed by the controller");
                    return;
                }

                _report(new LinkEvent.Received(buffer[..read], _generation));
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Lose(e.Message);
        }
    }

    /// <summary>Whatever queued up while a write was under way leaves in the next single write.</summary>
    private async Task WriteLoop()
    {
        var batch = new List<byte[]>();
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(_closed.Token))
            {
                batch.Clear();
                while (_outgoing.Reader.TryRead(out var frame)) batch.Add(frame);
                await _stream.WriteAsync(batch.Count == 1 ? batch[0] : [.. batch.SelectMany(f => f)], _closed.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Lose(e.Message);
        }
    }

    /// <summary>Reported once, and never for a link its owner closed: the owner knows already.</summary>
    private void Lose(string reason)
    {
        if (Interlocked.Exchange(ref _lost, 1) == 1) return;
        _outgoing.Writer.TryComplete();
        if (!_closed.IsCancellationRequested) _report(new LinkEvent.Lost(reason, _generation));
        _stream.Dispose();
    }

    public void Dispose()
    {
        _closed.Cancel();
        _outgoing.Writer.TryComplete();
        _stream.Dispose();
    }
}
