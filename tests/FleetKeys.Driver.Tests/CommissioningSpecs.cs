using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Driver.Cabinets;
using FleetKeys.Driver.Exchanges;
using FleetKeys.Driver.Polling;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Driver.Tests;

/// <summary>
/// A device out of the box (SCBK-D) on the bus: given its own key inside the operator's commissioning window, refused
/// outside it.
/// </summary>
public sealed class CommissioningSpecs
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly ControllerSecret _secret = ControllerSecret.Generate();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private readonly LinkCounters _counts = new();
    private readonly PeripheralChannel _device = new(1, Scbk.Default);

    private (CabinetOnBus Bus, ExchangeLoop Loop) Bus(TimeSpan? window)
    {
        var bus = new CabinetOnBus(1, new AttachedCabinet(CabinetId.Parse("cab-1"), false), new PanelChannel(1, _secret))
        {
            Commissioning = window is { } w ? new Commissioning(1, Scbk.Derive(_secret, 1), _clock.GetUtcNow() + w) : null,
        };
        var buses = new Dictionary<byte, CabinetOnBus> { [1] = bus };
        var loop = new ExchangeLoop(buses, new PollScheduler(buses.Keys, new PollPacing(Interval, Interval, TimeSpan.FromSeconds(2))),
            framesPerWrite: 1, maxRejectedInARow: 3, _counts, _clock);
        loop.Connect();
        return (bus, loop);
    }

    private byte[] Answer(BusStep.Transmit write) =>
        _device.Receive(Packet.Parse(Assert.Single(write.Frames).Frame).Packet!, _ => new Ack()).Response!;

    [Fact]
    public void Inside_the_window_the_device_is_given_its_own_key_before_anything_else()
    {
        var (bus, loop) = Bus(TimeSpan.FromMinutes(10));
        var challenge = Assert.IsType<BusStep.Transmit>(loop.Next(TimeSpan.FromSeconds(10)));

        var steps = loop.Received(Answer(challenge));

        Assert.IsType<BusStep.Continued>(steps[0]);
        var again = Assert.IsType<BusStep.Transmit>(steps[^1]);
        Assert.Equal([0x00], Packet.Parse(again.Frames[0].Frame).Packet!.Security!.Value.Data.ToArray());
        var scrypt = Assert.IsType<BusStep.Transmit>(loop.Received(Answer(again))[^1]);
        Assert.IsType<BusStep.Established>(Assert.Single(loop.Received(Answer(scrypt))));
        Assert.Equal(0, _counts.AuthFailures);

        var keySet = Assert.IsType<BusStep.Transmit>(loop.Next(TimeSpan.FromSeconds(10)));
        var replied = Assert.IsType<BusStep.Replied>(Assert.Single(loop.Received(Answer(keySet))));
        Assert.Equal(new KeySet(Scbk.Derive(_secret, 1)), replied.Sent);
        Assert.IsType<Ack>(replied.Reply);
        Assert.Equal(Scbk.Derive(_secret, 1), _device.Key);
    }

    [Fact]
    public void Outside_the_window_the_default_key_is_refused_and_counted()
    {
        var (bus, loop) = Bus(TimeSpan.FromMinutes(10));
        _clock.Advance(TimeSpan.FromMinutes(11));
        var challenge = Assert.IsType<BusStep.Transmit>(loop.Next(TimeSpan.FromSeconds(10)));

        var refused = Assert.IsType<BusStep.Refused>(Assert.Single(loop.Received(Answer(challenge))));

        Assert.Equal(ProtocolError.DefaultKeyOffered, refused.Error);
        Assert.Equal(1, _counts.AuthFailures);
        Assert.False(bus.Channel.IsEstablished);
        Assert.True(_device.Key.IsDefault);
    }

    [Fact]
    public void Without_a_window_the_default_key_is_refused()
    {
        var (bus, loop) = Bus(window: null);
        var challenge = Assert.IsType<BusStep.Transmit>(loop.Next(TimeSpan.FromSeconds(10)));

        Assert.Equal(ProtocolError.DefaultKeyOffered, Assert.IsType<BusStep.Refused>(Assert.Single(loop.Received(Answer(challenge)))).Error);
        Assert.False(bus.Channel.IsEstablished);
    }
}
