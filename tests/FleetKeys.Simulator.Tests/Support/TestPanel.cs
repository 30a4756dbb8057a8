using System.Net.Sockets;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Simulator.Tests.Support;

/// <summary>
/// The smallest driver that will do for a test: one TCP connection, a PanelChannel per bus address,
/// and a command-reply exchange at a time. Network waits are bounded by <see cref="Patience"/> in
/// real time, as a failure bound only; nothing here waits for a timer.
/// </summary>
internal sealed class TestPanel : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly ControllerSecret _secret;
    private readonly FrameReader _reader = new();
    private readonly byte[] _chunk = new byte[4096];
    private readonly Dictionary<byte, PanelChannel> _channels = [];

    private TestPanel(TcpClient client, ControllerSecret secret)
    {
        _client = client;
        _stream = client.GetStream();
        _secret = secret;
    }

    public static async Task<TestPanel> ConnectAsync(int port, ControllerSecret secret)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(SimulatedController.Host, port).WaitAsync(Patience);
        return new TestPanel(client, secret);
    }

    public PanelChannel Channel(byte address) => _channels[address];

    /// <summary>Runs the four-packet handshake; the result is Established, or why not.</summary>
    public Task<PanelStep> HandshakeAsync(byte address, ControllerSecret? secret = null) =>
        HandshakeAsync(address, Scbk.Derive(secret ?? _secret, address));

    /// <summary>The handshake with a key of the test's choosing: SCBK-D to commission the device.</summary>
    public async Task<PanelStep> HandshakeAsync(byte address, Scbk key)
    {
        var channel = _channels[address] = new PanelChannel(address, key);
        var step = channel.Receive(await ExchangeAsync(channel.StartHandshake()));
        return step is PanelStep.SendNext next ? channel.Receive(await ExchangeAsync(next.Frame)) : step;
    }

    public async Task<Reply> SendAsync(byte address, Command command)
    {
        var step = _channels[address].Receive(await ExchangeAsync(_channels[address].Send(command)));
        return step is PanelStep.ReplyReceived received
            ? received.Reply
            : throw new InvalidOperationException($"{command} to {address} got {step}, not a reply");
    }

    public Task<Reply> PollAsync(byte address) => SendAsync(address, new Poll());

    public async Task<Packet> ExchangeAsync(byte[] frame)
    {
        await WriteAsync(frame);
        return await ReadPacketAsync();
    }

    public async Task WriteAsync(byte[] bytes) => await _stream.WriteAsync(bytes).AsTask().WaitAsync(Patience);

    public async Task<Packet> ReadPacketAsync()
    {
        while (true)
        {
            if (_reader.TryRead(out var frame))
                return frame.Packet ?? throw new InvalidOperationException($"the controller sent an unreadable frame: {frame.Error}");
            var read = await _stream.ReadAsync(_chunk).AsTask().WaitAsync(Patience);
            if (read == 0) throw new IOException("the controller closed the connection");
            _reader.Append(_chunk.AsSpan(0, read));
        }
    }

    /// <summary>The packets one read brings: what the controller wrote at once, on loopback.</summary>
    public async Task<List<Packet>> ReadTogetherAsync()
    {
        var read = await _stream.ReadAsync(_chunk).AsTask().WaitAsync(Patience);
        _reader.Append(_chunk.AsSpan(0, read));
        var packets = new List<Packet>();
        while (_reader.TryRead(out var frame)) packets.Add(frame.Packet ?? throw new InvalidOperationException($"unreadable: {frame.Error}"));
        Assert.Equal(0, _reader.Buffered);
        return packets;
    }

    /// <summary>True once the controller has closed this connection (the read ends or the socket is reset).</summary>
    public async Task<bool> IsClosedAsync()
    {
        try
        {
            return await _stream.ReadAsync(_chunk).AsTask().WaitAsync(Patience) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
