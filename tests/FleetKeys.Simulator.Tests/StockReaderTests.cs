using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;
using FleetKeys.Simulator.Tests.Support;

namespace FleetKeys.Simulator.Tests;

/// <summary>A mixed bus: a stock OSDP reader at an address of its own beside a FleetKeys cabinet board (docs/protocol.md, "A mixed bus").</summary>
public sealed class StockReaderTests
{
    private static readonly byte Reader = Rig.ReaderAddress(1);

    [Fact]
    public async Task A_stock_reader_identifies_itself_as_another_vendors_card_and_keypad_reader_without_outputs()
    {
        await using var rig = await Rig.StartAsync(stockReaders: true);
        var panel = await rig.OnlineAsync(1, Reader);

        var id = Assert.IsType<DeviceIdentification>(await panel.SendAsync(Reader, new IdRequest()));
        Assert.NotEqual(VendorCode.FleetKeys, id.Vendor);
        var functions = Assert.IsType<DeviceCapabilities>(await panel.SendAsync(Reader, new CapabilitiesRequest())).Capabilities
            .Select(c => c.Function).ToList();
        Assert.Contains(CapabilityFunction.CardDataFormat, functions);
        Assert.Contains(CapabilityFunction.ReaderTextOutput, functions);
        Assert.DoesNotContain(CapabilityFunction.OutputControl, functions);
        Assert.Equal(VendorCode.FleetKeys, Assert.IsType<DeviceIdentification>(await panel.SendAsync(1, new IdRequest())).Vendor);
    }

    [Fact]
    public async Task A_badge_and_keys_at_a_stock_reader_are_reported_with_RAW_and_KEYPAD_at_its_next_polls_and_not_by_the_board()
    {
        await using var rig = await Rig.StartAsync(stockReaders: true);
        var panel = await rig.OnlineAsync(1, Reader);
        var reader = rig.Controller.ReaderOf(Rig.CabinetId(1));
        var badge = new ByteString([0x12, 0x34, 0x56, 0x78]);

        reader.PresentBadge(badge);
        reader.EnterPin("1234#");

        Assert.Equal(new CardRead(0, CardFormat.RawUnspecified, 32, badge), await panel.PollAsync(Reader));
        Assert.Equal(new KeypadInput(0, "1234#"), await panel.PollAsync(Reader));
        Assert.IsType<Ack>(await panel.PollAsync(Reader));
        Assert.IsNotType<CardRead>(await panel.PollAsync(1));
        await reader.WhenInputReported(Rig.Within);
    }

    [Fact]
    public async Task A_stock_reader_shows_what_LED_buzzer_and_text_ask()
    {
        await using var rig = await Rig.StartAsync(stockReaders: true);
        var panel = await rig.OnlineAsync(Reader);
        var reader = rig.Controller.ReaderOf(Rig.CabinetId(1));
        var green = new LedRecord(0, 0, TemporaryLedControl.Set,
            new LedPattern(TimeSpan.FromSeconds(2), TimeSpan.Zero, LedColor.Green, LedColor.Black), TimeSpan.FromSeconds(2),
            PermanentLedControl.Nop, default);
        var beep = new BuzzerControl(0, BuzzerTone.Default, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100), 2);
        var shown = reader.WhenText(text => text == "Enter PIN, then #", Rig.Within);

        Assert.IsType<Ack>(await panel.SendAsync(Reader, new LedControl([green])));
        Assert.IsType<Ack>(await panel.SendAsync(Reader, beep));
        Assert.IsType<Ack>(await panel.SendAsync(Reader, new TextOutput(0, TextMode.TemporaryWrap, 10, 0, 0, "Enter PIN, then #")));

        await shown;
        Assert.Equal(green, reader.Shown.Leds[0]);
        Assert.Equal(beep, reader.Shown.Buzzer);
    }

    [Fact]
    public async Task A_stock_reader_NAKs_FleetKeys_MFG_messages_and_outputs_as_unknown_commands_and_keeps_its_session()
    {
        await using var rig = await Rig.StartAsync(stockReaders: true);
        var panel = await rig.OnlineAsync(1, Reader);
        var reader = rig.Controller.ReaderOf(Rig.CabinetId(1));

        Assert.Equal(new Nak(NakCode.UnknownCommand), await panel.SendAsync(Reader, new StatusRequest()));
        Assert.Equal(new Nak(NakCode.UnknownCommand), await panel.SendAsync(Reader, new InventoryRequest(1)));
        Assert.Equal(new Nak(NakCode.UnknownCommand), await panel.SendAsync(Reader, new OutputControl([OutputAction.Unlock(1, TimeSpan.FromSeconds(5))])));

        Assert.IsType<Ack>(await panel.PollAsync(Reader));
        Assert.True(reader.IsSessionEstablished);
        Assert.Equal(3, reader.Counters.Naks);
        Assert.IsType<ControllerStatus>(await panel.SendAsync(1, new StatusRequest()));
    }

    [Fact]
    public async Task A_stock_reader_answers_only_inside_a_secure_session_keyed_for_its_own_address()
    {
        await using var rig = await Rig.StartAsync(stockReaders: true);
        var panel = await rig.ConnectAsync();

        Assert.IsType<Protocol.Channels.PanelStep.Established>(await panel.HandshakeAsync(Reader));
        Assert.True(rig.Controller.ReaderOf(Rig.CabinetId(1)).IsSessionEstablished);
        Assert.False(rig.Cabinet().IsSessionEstablished);
        Assert.Throws<ArgumentException>(() => new ControllerSpec("ctl-x",
            [new CabinetSpec(1, "a", [new ByteString([1])], ReaderAddress: 2), new CabinetSpec(2, "b", [new ByteString([2])])]).Validate());
    }
}
