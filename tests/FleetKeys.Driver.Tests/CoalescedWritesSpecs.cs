using System.Threading.Channels;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Driver.Exchanges;
using FleetKeys.Driver.Polling;
using FleetKeys.Driver.Transport;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using FleetKeys.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Driver.Tests;

/// <summary>
/// Over real TCP to the simulated controller: the frames of every cabinet whose turn it is leave in one write, and their
/// answers come back in one, so a round of the bus costs one send and one wake-up at each end, not one per cabinet.
/// </summary>
public sealed class CoalescedWritesSpecs : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly ControllerSecret _secret = ControllerSecret.Generate();
    private readonly Channel<LinkEvent> _events = Channel.CreateUnbounded<LinkEvent>();
    private readonly Dictionary<byte, CabinetOnBus> _buses = [];
    private SimulatedController _controller = null!;
    private ControllerLink _link = null!;
    private ExchangeLoop _loop = null!;

    public async Task InitializeAsync()
    {
        var addresses = new byte[] { 1, 2, 3 };
        _controller = new SimulatedController(new ControllerSpec("ctl-coalesce",
            [.. addresses.Select(a => new CabinetSpec(a, $"ctl-coalesce-cab-{a}", [ByteString.FromHex($"0A0B0{a}")]))]), _secret, TimeProvider.System);
        await _controller.StartAsync();
        foreach (var address in addresses)
            _buses[address] = new CabinetOnBus(address, new AttachedCabinet(CabinetId.Parse($"cab-{address}"), false), new PanelChannel(address, _secret));
        _loop = new ExchangeLoop(_buses, new PollScheduler(addresses, new PollPacing(Interval, Interval, TimeSpan.FromSeconds(2))),
            ProtocolTiming.FramesPerWrite, 20, new LinkCounters(), new FakeTimeProvider());
        ControllerLink.Dial(SimulatedController.Host, _controller.Port, 1, e => _events.Writer.TryWrite(e));
        _link = Assert.IsType<LinkEvent.Connected>(await NextEvent()).Link;
        _loop.Connect();
    }

    public async Task DisposeAsync()
    {
        _link.Dispose();
        await _controller.DisposeAsync();
    }

    private async Task<LinkEvent> NextEvent()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _events.Reader.ReadAsync(bound.Token);
    }

    /// <summary>Writes the frames and returns what the first read of the answers brought.</summary>
    private async Task<IReadOnlyList<BusStep>> Exchange(BusStep.Transmit write)
    {
        _link.Write(write.Bytes);
        return _loop.Received(Assert.IsType<LinkEvent.Received>(await NextEvent()).Bytes);
    }

    [Fact]
    public async Task Every_cabinets_handshake_and_poll_takes_one_write_and_one_read_each_way_for_the_whole_bus()
    {
        var challenges = Assert.IsType<BusStep.Transmit>(_loop.Next(TimeSpan.Zero));
        Assert.Equal(3, challenges.Frames.Count);

        var proofs = Assert.IsType<BusStep.Transmit>((await Exchange(challenges))[^1]);
        Assert.Equal(3, proofs.Frames.Count);
        Assert.All(await Exchange(proofs), step => Assert.IsType<BusStep.Established>(step));

        Assert.True(_loop.IsIdle);
        _controller.Cabinet(2).PresentBadge(ByteString.FromHex("04A1B2C3"));
        var polls = Assert.IsType<BusStep.Transmit>(_loop.Next(Interval));
        var replies = (await Exchange(polls)).Cast<BusStep.Replied>().ToList();
        Assert.Equal([1, 2, 3], replies.Select(r => (int)r.Bus.Address).Order());
        Assert.IsType<CardRead>(replies.Single(r => r.Bus.Address == 2).Reply);
        Assert.True(_loop.IsIdle);
    }
}
