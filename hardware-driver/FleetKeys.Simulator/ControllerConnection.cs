using System.Net.Sockets;
using FleetKeys.Protocol.Framing;

namespace FleetKeys.Simulator;

/// <summary>
/// One accepted TCP connection: frames the byte stream and writes back whatever the controller
/// answers, one packet at a time (the driver waits for each answer, as on a half-duplex bus).
/// </summary>
internal sealed class ControllerConnection(TcpClient client, Func<FrameResult, byte[]?> answer, Action fault) : IAsyncDisposable
{
    private readonly CancellationTokenSource _closing = new();
    private Task _serving = Task.CompletedTask;

    public void Start() => _serving = ServeAsync();

    /// <summary>Closes the socket, which also ends a read or write in progress, and waits for the loop to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        client.Dispose();
        await _serving;
        _closing.Dispose();
    }

    private async Task ServeAsync()
    {
        try
        {
            var stream = client.GetStream();
            await foreach (var frame in FrameReader.ReadAllAsync(stream, _closing.Token))
                if (answer(frame) is { } reply)
                    await stream.WriteAsync(reply, _closing.Token);
        }
        catch (Exception error) when (error is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The driver hung up, or a newer connection or shutdown closed this one: either way it is over.
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
