using System.Net.Sockets;
using System.Threading.Channels;

namespace FleetKeys.Driver.Transport;

/// <summary>
/// One TCP connection to a controller. Reading and writing each run on a task of their own, so whoever owns the link —
/// an actor — never blocks on the socket: <see cref="Write"/> queues and returns. Everything the link learns (bytes,
/// the end of the connection) goes to <c>report</c>, tagged with the generation the owner gave it, so the owner can tell
/// a link it already replaced from the current one.
/// </summary>
public sealed class ControllerLink : IDisposable
{
    private readonly Socket _socket;
    private readonly int _generation;
    private readonly Action<LinkEvent> _report;
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closed = new();
    private int _lost;

    private ControllerLink(Socket socket, int generation, Action<LinkEvent> report)
    {
        _socket = socket;
        _generation = generation;
        _report = report;
    }

    /// <summary>Connects in the background and reports <see cref="LinkEvent.Connected"/> or <see cref="LinkEvent.DialFailed"/>.</summary>
    public static void Dial(string host, int port, int generation, Action<LinkEvent> report)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.ConnectAsync(host, port).ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                var link = new ControllerLink(socket, generation, report);
                report(new LinkEvent.Connected(link, generation));
                link.Start();
            }
            else
            {
                socket.Dispose();
                report(new LinkEvent.DialFailed(t.Exception?.GetBaseException().Message ?? "cancelled", generation));
            }
        }, TaskContinuationOptions.ExecuteSynchronously);
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
                var read = await _socket.ReceiveAsync(buffer, SocketFlags.None, _closed.Token);
                if (read == 0)
                {
                    Lose("closed by the controller");
                    return;
                }

                _report(new LinkEvent.Received(buffer[..read], _generation));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Lose(e.Message);
        }
    }

    /// <summary>Whatever queued up while a write was under way leaves in the next single send.</summary>
    private async Task WriteLoop()
    {
        var batch = new List<ArraySegment<byte>>();
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(_closed.Token))
            {
                batch.Clear();
                while (_outgoing.Reader.TryRead(out var frame)) batch.Add(frame);
                await _socket.SendAsync(batch, SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
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
        _socket.Dispose();
    }

    public void Dispose()
    {
        _closed.Cancel();
        _outgoing.Writer.TryComplete();
        _socket.Dispose();
    }
}
