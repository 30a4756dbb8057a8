using System.Net;
using System.Net.Sockets;

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

            _ = Pump(inbound, outbound);
            _ = Pump(outbound, inbound);
        }
    }

    private async Task Pump(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token);
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

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting;
        _stop.Dispose();
    }
}
