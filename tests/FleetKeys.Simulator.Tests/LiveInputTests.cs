using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Simulator.Tests.Support;

namespace FleetKeys.Simulator.Tests;

public sealed class LiveInputTests
{
    private static readonly ByteString Badge = ByteString.FromHex("1F4A9C40");

    [Fact]
    public async Task A_badge_is_queued_and_reported_as_a_card_read_at_the_next_poll()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();

        Assert.Equal(InputOutcome.Reported, rig.Cabinet().PresentBadge(Badge));
        Assert.Single(rig.Cabinet().PendingInput);

        Assert.Equal(new CardRead(0, CardFormat.RawUnspecified, 32, Badge), await panel.PollAsync(1));
        Assert.IsType<Ack>(await panel.PollAsync(1));
        Assert.Empty(rig.Cabinet().PendingInput);
    }

    [Fact]
    public async Task Live_input_comes_oldest_first_one_per_poll_and_before_the_events()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        var cabinet = rig.Cabinet();

        cabinet.PresentBadge(Badge);
        cabinet.EnterPin("4711#");
        cabinet.ForceSlot(2);
        Assert.Equal(InputOutcome.Reported, cabinet.SelectKey(3));

        Assert.IsType<CardRead>(await panel.PollAsync(1));
        Assert.Equal(new KeypadInput(0, "4711#"), await panel.PollAsync(1));
        Assert.Equal(new KeySelected(3), await panel.PollAsync(1));
        var report = Assert.IsType<EventReport>(await panel.PollAsync(1));
        Assert.IsType<TagRemoved>(Assert.Single(report.Events));
    }

    /// <summary>
    /// The load-test smoke lost answers this way: the poll's reply carrying the badge never reached the driver, its
    /// retransmissions went unanswered in time, and it started a new session — in which the badge was gone.
    /// </summary>
    [Fact]
    public async Task Input_whose_reply_never_reached_the_panel_is_reported_again_in_the_next_session()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        rig.Cabinet().PresentBadge(Badge);
        var poll = panel.Channel(1).Send(new Poll());
        for (var attempt = 0; attempt <= ProtocolTiming.MaxRetransmissions; attempt++)
            Assert.Equal((byte)ReplyCode.CardData, await ReplyCodeOf(panel, poll));
        Assert.Empty(rig.Cabinet().PendingInput);

        Assert.IsType<PanelStep.Established>(await panel.HandshakeAsync(1));

        Assert.Equal(new CardRead(0, CardFormat.RawUnspecified, 32, Badge), await panel.PollAsync(1));
        Assert.IsType<Ack>(await panel.PollAsync(1));
    }

    [Fact]
    public async Task Input_whose_reply_was_lost_with_the_connection_is_reported_on_the_next_one()
    {
        await using var rig = await Rig.StartAsync();
        var first = await rig.OnlineAsync();
        rig.Cabinet().SelectKey(3);
        await ReplyCodeOf(first, first.Channel(1).Send(new Poll()));
        await first.DisposeAsync();

        var second = await rig.OnlineAsync();

        Assert.Equal(new KeySelected(3), await second.PollAsync(1));
    }

    [Fact]
    public async Task Input_the_panel_confirmed_by_its_next_command_is_not_reported_again()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        rig.Cabinet().PresentBadge(Badge);
        Assert.IsType<CardRead>(await panel.PollAsync(1));
        Assert.IsType<Ack>(await panel.PollAsync(1));

        Assert.IsType<PanelStep.Established>(await panel.HandshakeAsync(1));

        Assert.IsType<Ack>(await panel.PollAsync(1));
    }

    [Fact]
    public async Task A_stock_reader_reports_a_card_read_again_when_its_reply_was_lost()
    {
        await using var rig = await Rig.StartAsync(stockReaders: true);
        var address = Rig.ReaderAddress(1);
        var panel = await rig.OnlineAsync(address);
        rig.Controller.ReaderOf(Rig.CabinetId(1)).PresentBadge(Badge);
        await ReplyCodeOf(panel, panel.Channel(address).Send(new Poll()));

        Assert.IsType<PanelStep.Established>(await panel.HandshakeAsync(address));

        Assert.Equal(new CardRead(0, CardFormat.RawUnspecified, 32, Badge), await panel.PollAsync(address));
    }

    /// <summary>Sends a frame and reads the reply the panel then never takes in, as when it arrived too late or not at all.</summary>
    private static async Task<byte> ReplyCodeOf(TestPanel panel, byte[] frame) => (await panel.ExchangeAsync(frame)).Code;

    [Fact]
    public async Task Input_the_cluster_never_saw_is_void_once_the_cabinet_is_offline()
    {
        await using var rig = await Rig.StartAsync();
        await rig.OnlineAsync();
        rig.Cabinet().SelectKey(1);

        rig.PassOfflineTimeout();
        await rig.Cabinet().WhenOffline(Rig.Within);

        Assert.Empty(rig.Cabinet().PendingInput);
    }

    [Fact]
    public async Task Input_that_no_poll_could_carry_is_refused_at_once()
    {
        await using var rig = await Rig.StartAsync();

        Assert.Throws<ArgumentException>(() => rig.Cabinet().EnterPin("12a4"));
        Assert.Throws<ArgumentException>(() => rig.Cabinet().PresentBadge(ByteString.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => rig.Cabinet().SelectKey(5));
    }
}
