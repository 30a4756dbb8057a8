using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using FleetKeys.Simulator.Fleet;
using FleetKeys.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Simulator.Tests;

public sealed class FleetTests
{
    private static readonly byte[] Master = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void A_layout_names_and_tags_everything_the_same_way_every_time()
    {
        var layout = new FleetLayout(Controllers: 2, CabinetsPerController: 3, SlotsPerCabinet: 4, BasePort: 41000);

        var specs = layout.Specs();

        Assert.Equal(specs, layout.Specs());
        Assert.Equal(["ctl-01", "ctl-02"], specs.Select(s => s.ControllerId));
        Assert.Equal([41000, 41001], specs.Select(s => s.Port));
        var cabinet = specs[1].Cabinets[2];
        Assert.Equal(("ctl-02-cab-03", (byte)3), (cabinet.CabinetId, cabinet.BusAddress));
        Assert.Equal(FleetLayout.TagUid("ctl-02-cab-03", 4), cabinet.Tags[3]);
        var tags = specs.SelectMany(s => s.Cabinets).SelectMany(c => c.Tags).ToArray();
        Assert.Equal(24, tags.Distinct().Count());
        Assert.All(tags, tag => Assert.Equal((7, 0x04), (tag.Length, tag.Span[0])));
    }

    [Fact]
    public async Task A_fleet_serves_every_controller_with_the_secret_derived_for_it()
    {
        await using var fleet = new SimulatedFleet(new FleetLayout(2, 2, 3), Master, new FakeTimeProvider(Rig.Start));
        await fleet.StartAsync();

        var description = fleet.Describe();
        Assert.Equal(SimulatedController.Host, description.Host);
        var second = description.Controllers[1];
        Assert.Equal(fleet.Controller("ctl-02").Port, second.Port);
        Assert.Same(fleet.Controller("ctl-02").Cabinet(2), fleet.Cabinet("ctl-02-cab-02"));
        Assert.Equal(4, fleet.Cabinets.Count());

        await using var panel = await TestPanel.ConnectAsync(second.Port, ControllerSecret.Derive(Master, "ctl-02"));
        Assert.IsType<PanelStep.Established>(await panel.HandshakeAsync(2));
        var inventory = Assert.IsType<InventoryReport>(await panel.SendAsync(2, new InventoryRequest(1)));
        Assert.Equal(second.Cabinets[1].Tags, inventory.Tags);
        Assert.Equal(new PanelStep.Rejected(ProtocolError.HandshakeFailed),
            await panel.HandshakeAsync(1, ControllerSecret.Derive(Master, "ctl-01")));
    }

    [Fact]
    public void Impossible_layouts_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FleetLayout(1, 127, 4).Specs());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FleetLayout(1, 1, 255).Specs());
        Assert.Throws<ArgumentOutOfRangeException>(() => new FleetLayout(10, 1, 1, BasePort: 65530).Specs());
        Assert.Throws<ArgumentException>(() => new SimulatedFleet(new FleetLayout(1, 1, 1), new byte[8], TimeProvider.System));
    }
}
