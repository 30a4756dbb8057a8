using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Simulator;

/// <summary>
/// A simulated controller: one TCP endpoint on 127.0.0.1 serving the cabinets of its bus, each at
/// its bus address with its own secure session, all keyed from the controller's secret. A new
/// connection replaces the authenticated one once it has authenticated itself (docs/protocol.md,
/// "Roles and transport"); until then it can only handshake, on sessions of its own. Frames that fail
/// are NAKed or dropped and counted, never fatal. Time (offline detection, releases, the clock) comes
/// from the injected TimeProvider only.
/// </summary>
public sealed class SimulatedController : IAsyncDisposable
{
    public const string Host = "127.0.0.1";

    /// <summary>
    /// How many connections may be handshaking at once. A driver takes a few milliseconds to authenticate, so a flood of
    /// connections that never do costs this much at most, and never the authenticated one.
    /// </summary>
    public const int MaxUnauthenticated = 4;

    private readonly Lock _gate = new();
    /// <summary>Every device on the bus by its address: the cabinets' boards and the stock readers beside them.</summary>
    private readonly Dictionary<byte, IBusDevice> _devices;
    private readonly TcpListener _listener;
    private readonly X509Certificate2? _tlsCertificate;
    private readonly CancellationTokenSource _stopping = new();
    private Task _accepting = Task.CompletedTask;

    /// <summary>The connection that authenticated last: the only one whose commands are executed.</summary>
    private ControllerConnection? _connection;

    /// <summary>Connections not authenticated yet, oldest first; a newer one beyond <see cref="MaxUnauthenticated"/> closes the oldest.</summary>
    private readonly List<ControllerConnection> _unauthenticated = [];

    /// <summary>Every connection whose loop may still run, so disposing the controller ends them all.</summary>
    private readonly HashSet<ControllerConnection> _open = [];
    private int _port;
    private int _disposed;

    private long _connections;
    private long _noiseBytes;
    private long _unreadable;
    private long _ignored;
    private long _faults;

    public SimulatedController(ControllerSpec spec, ControllerSecret secret, TimeProvider time, SimulatorOptions? options = null)
    {
        spec.Validate();
        Spec = spec;
        options ??= new SimulatorOptions();
        Cabinets = [.. spec.Cabinets.Select(c => new SimulatedCabinet(c, secret, time, options))];
        Readers = [.. spec.Cabinets.Where(c => c.ReaderAddress is not null).Select(c => new SimulatedReader(c.ReaderAddress!.Value, c.CabinetId, secret))];
        _devices = Cabinets.Cast<IBusDevice>().Concat(Readers).ToDictionary(d => d.BusAddress);
        _listener = new TcpListener(IPAddress.Parse(options.ListenAddress), spec.Port);
        _tlsCertificate = options.TlsCertificate;
    }

    public ControllerSpec Spec { get; }

    public string ControllerId => Spec.ControllerId;

    public IReadOnlyList<SimulatedCabinet> Cabinets { get; }

    /// <summary>The stock OSDP readers of mixed cabinets (<see cref="CabinetSpec.ReaderAddress"/>), in the cabinets' order.</summary>
    public IReadOnlyList<SimulatedReader> Readers { get; }

    /// <summary>The port it listens on, known once started (the one asked for, or the free one picked for port 0).</summary>
    public int Port => _port != 0 ? _port : throw new InvalidOperationException($"controller {ControllerId} is not started");

    public ControllerCounters Counters => new(Interlocked.Read(ref _connections), Interlocked.Read(ref _noiseBytes),
        Interlocked.Read(ref _unreadable), Interlocked.Read(ref _ignored), Interlocked.Read(ref _faults));

    public SimulatedCabinet Cabinet(byte busAddress) =>
        _devices.GetValueOrDefault(busAddress) as SimulatedCabinet
        ?? throw new KeyNotFoundException($"controller {ControllerId} has no cabinet at bus address {busAddress}");

    /// <summary>The stock reader that takes badges and PINs for cabinet <paramref name="cabinetId"/>.</summary>
    public SimulatedReader ReaderOf(string cabinetId) =>
        Readers.FirstOrDefault(r => r.CabinetId == cabinetId)
        ?? throw new KeyNotFoundException($"cabinet {cabinetId} of controller {ControllerId} has no reader of its own");

    public SimulatedCabinet Cabinet(string cabinetId) =>
        Cabinets.FirstOrDefault(c => c.CabinetId == cabinetId)
        ?? throw new KeyNotFoundException($"controller {ControllerId} has no cabinet {cabinetId}");

    /// <summary>What a node needs to register this controller: the spec with the real port.</summary>
    public ControllerSpec Describe() => Spec with { Port = Port };

    /// <summary>Listens and accepts from now on; the task completes once the port is bound.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _listener.Start();
        _port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>Stops listening, closes the connection and the cabinets' timers; nothing is left running.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        List<ControllerConnection> open;
        lock (_gate)
        {
            open = [.. _open];
            _connection = null;
            _unauthenticated.Clear();
        }

        foreach (var connection in open) await connection.DisposeAsync();
        foreach (var device in _devices.Values) device.Dispose();
        _stopping.Dispose();
    }

    public override string ToString() => $"controller {ControllerId} on {Host}:{_port}";

    private async Task AcceptAsync(CancellationToken stopping)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(stopping);
            }
            catch (Exception error) when (error is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            client.NoDelay = true;
            Interlocked.Increment(ref _connections);
            var connection = new ControllerConnection(client, _tlsCertificate, Answer, () => Interlocked.Increment(ref _faults));
            ControllerConnection? oldest = null;
            lock (_gate)
            {
                _open.Add(connection);
                _unauthenticated.Add(connection);
                if (_unauthenticated.Count > MaxUnauthenticated)
                {
                    oldest = _unauthenticated[0];
                    _unauthenticated.RemoveAt(0);
                }
            }

            oldest?.Close();
            connection.Start();
            _ = connection.Serving.ContinueWith(_ =>
            {
                lock (_gate)
                {
                    _open.Remove(connection);
                    _unauthenticated.Remove(connection);
                }
            }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Routes one framing result to its bus address. Runs on the connection's loop. A connection that has not authenticated
    /// reaches the cabinets only through handshakes of its own; its first completed handshake makes it the authenticated
    /// one and closes the one before (after a failover the old node's connection may linger half-open, and the node
    /// taking over must be served at once — once it has proved it knows the secret).
    /// </summary>
    private byte[]? Answer(ControllerConnection from, FrameResult frame)
    {
        bool authenticated;
        lock (_gate)
        {
            authenticated = from == _connection;
            if (!authenticated && !_unauthenticated.Contains(from)) return null;
        }

        if (frame.Packet is { } packet)
        {
            if (!packet.IsReply && _devices.TryGetValue(packet.BusAddress, out var device))
                // A handshake begun before the connection authenticated (several addresses' challenges in one write) ends on its own session.
                return authenticated && !from.Handshakes.ContainsKey(packet.BusAddress) ? device.Receive(packet) : Handshake(from, device, packet);
            // Another address (the broadcast one included, which FleetKeys does not use), or a reply: not ours to answer.
            Interlocked.Increment(ref _ignored);
            return null;
        }
        if (frame.Error == ProtocolError.Noise)
        {
            Interlocked.Add(ref _noiseBytes, frame.Discarded);
            return null;
        }
        // A partial packet cut off by the connection's end has nobody left to NAK.
        if (frame.Error != ProtocolError.Truncated && frame.AddressHint is { } address
            && _devices.TryGetValue(address, out var addressed))
            return addressed.RejectUnreadable(frame, authenticated ? null : HandshakeWith(from, addressed));
        Interlocked.Increment(ref _unreadable);
        return null;
    }

    private byte[]? Handshake(ControllerConnection from, IBusDevice device, Packet packet)
    {
        var channel = HandshakeWith(from, device);
        var reply = device.ReceiveHandshake(packet, channel);
        if (!channel.IsEstablished) return reply;
        from.Handshakes.Remove(device.BusAddress);
        ControllerConnection? replaced;
        lock (_gate)
        {
            replaced = _connection;
            _connection = from;
            _unauthenticated.Remove(from);
        }

        if (replaced != from) replaced?.Close();
        return reply;
    }

    private static PeripheralChannel HandshakeWith(ControllerConnection from, IBusDevice device)
    {
        if (!from.Handshakes.TryGetValue(device.BusAddress, out var channel))
            from.Handshakes[device.BusAddress] = channel = device.NewChannel();
        return channel;
    }
}
