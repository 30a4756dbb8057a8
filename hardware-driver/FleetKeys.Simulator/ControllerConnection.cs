using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;

namespace FleetKeys.Simulator;

/// <summary>
/// One accepted TCP connection: frames the byte stream and writes back whatever the controller answers. Frames that
/// arrive together (the driver's one write for several bus addresses) are answered one by one, as a serial server relays
/// them on its half-duplex bus, and the answers leave together in one write.
/// </summary>
internal sealed class ControllerConnection(
    TcpClient client, X509Certificate2? tlsCertificate, Func<ControllerConnection, FrameResult, byte[]?> answer, Action fault)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource _closing = new();
    private int _closed;

    public Task Serving { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// The sessions this connection opens, per bus address, while it is not yet the authenticated one: its handshakes
    /// must not touch the sessions of the connection it would replace. Used by this connection's loop only.
    /// </summary>
    public Dictionary<byte, PeripheralChannel> Handshakes { get; } = [];

    public void Start() => Serving = ServeAsync();

    /// <summary>Ends the connection without waiting for it: closing the socket ends a read or write in progress.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1) return;
        _closing.Cancel();
        client.Dispose();
    }

    /// <summary>Closes the connection and waits for its loop to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        Close();
        await Serving;
        _closing.Dispose();
    }

    /// <summary>The connection's byte stream: in TLS 1.3 when the controller has a certificate, the handshake done.</summary>
    private async Task<Stream> Open()
    {
        if (tlsCertificate is null) return client.GetStream();
        var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsServerAsync(
            new SslServerAuthenticationOptions { ServerCertificate = tlsCertificate, EnabledSslProtocols = SslProtocols.Tls13 }, _closing.Token);
        return tls;
    }

    private async Task ServeAsync()
    {
        try
        {
            var stream = await Open();
            var replies = new MemoryStream();
            await foreach (var frames in FrameReader.ReadBatchesAsync(stream, _closing.Token))
            {
                replies.SetLength(0);
                foreach (var frame in frames)
                    if (answer(this, frame) is { } reply)
                        replies.Write(reply);
                if (replies.Length > 0) await stream.WriteAsync(replies.GetBuffer().AsMemory(0, (int)replies.Length), _closing.Token);
            }
        }
        catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException
                                          or AuthenticationException)
        {
            // The driver hung up (or refused the certificate), or a newer connection or shutdown closed this one: either way it is over.
        }
        catch (Exception)
        {
            // Nothing in a packet may stop the controller: this connection ends, counted; the driver redials.
            fault();
        }
        finally
        {
            client.Dispose();
        }
    }
}
