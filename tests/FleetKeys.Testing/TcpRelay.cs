using System.Net;
using System.Net.Sockets;
using FleetKeys.Protocol.Framing;

namespace FleetKeys.Testing;

/// <summary>
/// A loopback TCP relay between a driver and a controller that a test can cut: the network between them, made
/// controllable. While blocked, connections are accepted and closed at once, as a dead serial server would.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly Lock _gate = new();
    private bool _blocked;
    private byte? _cutBeforeReplyTo;
    private byte? _cutReplyWith;
    private bool _replyDue;
    private readonly TaskCompletionSource _armedCut = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _accepting = Task.CompletedTask;

    public TcpRelay(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptLoop();
    }

    public int Port { get; }

    /// <summary>Drops every connection now and keeps refusing until <see cref="Resume"/>.</summary>
    public void Cut()
    {
        lock (_gate)
        {
            _blocked = true;
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    /// <summary>
    /// Once a frame with command code <paramref name="commandCode"/> has gone to the controller, the next bytes the controller
    /// sends back are not passed on: the connection is cut right there, as in <see cref="Cut"/>. The command is delivered,
    /// its answer is lost: what a broken network does between a command and its ACK. <see cref="ArmedCutMade"/> completes then.
    /// </summary>
    public void CutBeforeReplyTo(byte commandCode)
    {
        lock (_gate) _cutBeforeReplyTo = commandCode;
    }

    /// <summary>
    /// The first reply with code <paramref name="replyCode"/> the controller sends back is not passed on: the connection is
    /// cut right there, as in <see cref="Cut"/>. The device reported something (a card read) that never reaches the driver.
    /// <see cref="ArmedCutMade"/> completes then.
    /// </summary>
    public void CutReplyWith(byte replyCode)
    {
        lock (_gate) _cutReplyWith = replyCode;
    }

    public Task ArmedCutMade => _armedCut.Task;

    public void Resume()
    {
        lock (_gate) _blocked = false;
    }

    private bool Blocked
    {
        get
        {
            lock (_gate) return _blocked;
        }
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            if (Blocked)
            {
                inbound.Dispose();
                continue;
            }

            var outbound = new TcpClient { NoDelay = true };
            try
            {
                await outbound.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            }
            catch (Exception)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }

            inbound.NoDelay = true;
            // A cut made while this connection was being set up must reach it too: checked again where Cut looks.
            bool admitted;
            lock (_gate)
            {
                admitted = !_blocked;
                if (admitted) _open.AddRange([inbound, outbound]);
            }

            if (!admitted)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }

            _ = Pump(inbound, outbound, toController: true);
            _ = Pump(outbound, inbound, toController: false);
        }
    }

    private async Task Pump(TcpClient from, TcpClient to, bool toController)
    {
        var (buffer, frames) = (new byte[8192], new FrameReader());
        try
        {
            int read;
            while ((read = await from.GetStream().ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (toController) Watch(frames, buffer.AsSpan(0, read));
                else if (CutsHere(frames, buffer.AsSpan(0, read))) return;
                await to.GetStream().WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception)
        {
            // a cut or a closed peer ends the pump; the other direction ends with it
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    private void Watch(FrameReader frames, ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            if (_cutBeforeReplyTo is not { } code) return;
            frames.Append(bytes);
            while (frames.TryRead(out var frame))
                if (frame.Packet?.Code == code) _replyDue = true;
        }
    }

    private bool CutsHere(FrameReader frames, ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            if (_cutReplyWith is { } code)
            {
                frames.Append(bytes);
                while (frames.TryRead(out var frame))
                    if (frame.Packet?.Code == code) (_cutReplyWith, _replyDue) = (null, true);
            }

            if (!_replyDue) return false;
            (_cutBeforeReplyTo, _replyDue) = (null, false);
        }

        Cut();
        _armedCut.TrySetResult();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting;
        _stop.Dispose();
    }
}
