using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Security;
using FleetKeys.Simulator.Fleet;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Simulator.Tests.Support;

/// <summary>
/// A started controller on a free loopback port, on a FakeTimeProvider the test advances by hand,
/// with cabinets at bus addresses 1, 2…, and the panels the test dials to it.
/// </summary>
internal sealed class Rig : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 6, 1, 8, 30, 0, TimeSpan.Zero);

    private readonly List<TestPanel> _panels = [];

    private Rig(SimulatedController controller, ControllerSecret secret, FakeTimeProvider time) =>
        (Controller, Secret, Time) = (controller, secret, time);

    public SimulatedController Controller { get; }

    public ControllerSecret Secret { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>A real-time bound for awaited observations, so a broken test fails instead of hanging.</summary>
    public static CancellationToken Within => new CancellationTokenSource(TestPanel.Patience).Token;

    /// <param name="stockReaders">Mixed cabinets: a stock OSDP reader for cabinet N at <see cref="ReaderAddress"/>(N).</param>
    public static async Task<Rig> StartAsync(int cabinets = 1, int slots = 4, SimulatorOptions? options = null, bool stockReaders = false)
    {
        var spec = new ControllerSpec("ctl-test", [.. Enumerable.Range(1, cabinets).Select(address =>
            new CabinetSpec((byte)address, CabinetId(address),
                new ValueList<ByteString>(Enumerable.Range(1, slots).Select(slot => Tag(address, slot))),
                stockReaders ? ReaderAddress(address) : null))]);
        var (secret, time) = (ControllerSecret.Generate(), new FakeTimeProvider(Start));
        var controller = new SimulatedController(spec, secret, time, options);
        await controller.StartAsync();
        return new Rig(controller, secret, time);
    }

    public static byte ReaderAddress(int cabinetAddress) => (byte)(0x40 + cabinetAddress);

    public static string CabinetId(int address) => $"ctl-test-cab-{address:D2}";

    public static ByteString Tag(int address, int slot) => FleetLayout.TagUid(CabinetId(address), slot);

    public SimulatedCabinet Cabinet(byte address = 1) => Controller.Cabinet(address);

    public async Task<TestPanel> ConnectAsync()
    {
        var panel = await TestPanel.ConnectAsync(Controller.Port, Secret);
        _panels.Add(panel);
        return panel;
    }

    /// <summary>A new connection with a session on each of these addresses.</summary>
    public async Task<TestPanel> OnlineAsync(params byte[] addresses)
    {
        var panel = await ConnectAsync();
        foreach (var address in addresses.DefaultIfEmpty((byte)1))
            Assert.IsType<PanelStep.Established>(await panel.HandshakeAsync(address));
        return panel;
    }

    /// <summary>Lets the controller's offline timeout pass on the fake clock.</summary>
    public void PassOfflineTimeout() => Time.Advance(ProtocolTiming.OfflineAfter);

    public async ValueTask DisposeAsync()
    {
        foreach (var panel in _panels) await panel.DisposeAsync();
        await Controller.DisposeAsync();
        Assert.Equal(0, Controller.Counters.Faults);
    }
}
