using FleetKeys.Protocol;
using FleetKeys.Protocol.Framing;
using FleetKeys.Protocol.Messages;
using FleetKeys.Simulator.Tests.Support;

namespace FleetKeys.Simulator.Tests;

public sealed class StandardCommandTests
{
    [Fact]
    public async Task Identification_capabilities_and_status_describe_the_cabinet()
    {
        await using var rig = await Rig.StartAsync(slots: 24);
        var panel = await rig.OnlineAsync();
        rig.Cabinet().OpenDoor();

        var id = Assert.IsType<DeviceIdentification>(await panel.SendAsync(1, new IdRequest()));
        Assert.Equal(VendorCode.FleetKeys, id.Vendor);
        var capabilities = Assert.IsType<DeviceCapabilities>(await panel.SendAsync(1, new CapabilitiesRequest())).Capabilities;
        Assert.Contains(new Capability(CapabilityFunction.OutputControl, 1, 25), capabilities);
        Assert.Contains(new Capability(CapabilityFunction.ReceiveBufferSize, Packet.MaxLength & 0xFF, Packet.MaxLength >> 8), capabilities);
        Assert.Equal(new LocalStatus(false, false), await panel.SendAsync(1, new LocalStatusRequest()));
        Assert.Equal(new InputStatus([true, false]), await panel.SendAsync(1, new InputStatusRequest()));

        var status = Assert.IsType<ControllerStatus>(await panel.SendAsync(1, new StatusRequest()));
        Assert.Equal(new ControllerStatus(24, OfflinePolicy.DenyAll, 0, rig.Cabinet().EventLog.Epoch, 1, 0, Rig.Start), status);
    }

    [Fact]
    public async Task LED_buzzer_and_text_commands_show_on_the_cabinet()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        var cabinet = rig.Cabinet();
        var shown = cabinet.WhenText(text => text.StartsWith("TAKE", StringComparison.Ordinal), Rig.Within);
        var blink = new LedRecord(0, 3, TemporaryLedControl.Set,
            new LedPattern(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500), LedColor.Green, LedColor.Black),
            TimeSpan.FromSeconds(10), PermanentLedControl.Set, new LedPattern(TimeSpan.FromMilliseconds(100), TimeSpan.Zero, LedColor.Red, LedColor.Red));
        var beep = new BuzzerControl(0, BuzzerTone.Default, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100), 2);

        await panel.SendAsync(1, new TextOutput(0, TextMode.PermanentNoWrap, 0, 1, 1, "WELCOME"));
        Assert.False(shown.IsCompleted);
        await panel.SendAsync(1, new TextOutput(0, TextMode.PermanentNoWrap, 0, 1, 1, "TAKE KEY 3"));
        await panel.SendAsync(1, new LedControl([blink]));
        await panel.SendAsync(1, new BuzzerControl(0, BuzzerTone.Default, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100), 2));

        Assert.Equal("TAKE KEY 3", await shown);
        Assert.Equal(blink, cabinet.Leds[3]);
        Assert.Equal(beep, cabinet.Buzzer);
    }

    [Fact]
    public async Task The_inventory_lists_every_slot_a_packet_at_a_time()
    {
        await using var rig = await Rig.StartAsync(slots: 150);
        var panel = await rig.OnlineAsync();
        rig.Cabinet().ForceSlot(7);

        var tags = new List<ByteString>();
        while (tags.Count < 150)
        {
            var report = Assert.IsType<InventoryReport>(await panel.SendAsync(1, new InventoryRequest((byte)(tags.Count + 1))));
            Assert.InRange(report.Tags.Count, 1, 149);
            tags.AddRange(report.Tags);
        }

        Assert.Equal(Enumerable.Range(1, 150).Select(slot => slot == 7 ? ByteString.Empty : Rig.Tag(1, slot)), tags);
        Assert.Equal(new Nak(NakCode.UnableToProcess), await panel.SendAsync(1, new InventoryRequest(151)));
    }

    [Fact]
    public async Task A_slot_whose_tag_reader_failed_is_reported_empty_by_the_inventory_and_nothing_is_logged()
    {
        await using var rig = await Rig.StartAsync(slots: 3);
        var panel = await rig.OnlineAsync();
        var cabinet = rig.Cabinet();
        var logged = cabinet.EventLog.LastNumber;

        Assert.True(cabinet.TagReader(2, working: false));
        var blind = Assert.IsType<InventoryReport>(await panel.SendAsync(1, new InventoryRequest(1)));
        Assert.True(cabinet.TagReader(2, working: true));
        var seeing = Assert.IsType<InventoryReport>(await panel.SendAsync(1, new InventoryRequest(1)));

        Assert.Equal([Rig.Tag(1, 1), ByteString.Empty, Rig.Tag(1, 3)], blind.Tags);
        Assert.Equal([Rig.Tag(1, 1), Rig.Tag(1, 2), Rig.Tag(1, 3)], seeing.Tags);
        Assert.Equal(Rig.Tag(1, 2), cabinet.Slot(2).Tag);
        Assert.Equal(logged, cabinet.EventLog.LastNumber);
    }
}
