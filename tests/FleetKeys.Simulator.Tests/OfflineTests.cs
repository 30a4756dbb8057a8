using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using FleetKeys.Simulator.Tests.Support;

namespace FleetKeys.Simulator.Tests;

public sealed class OfflineTests
{
    private static readonly ByteString Alice = ByteString.FromHex("A11CE0");
    private static readonly ByteString Bob = ByteString.FromHex("B0B0");
    private static readonly ByteString Carol = ByteString.FromHex("CA2010");
    private static readonly ByteString Stranger = ByteString.FromHex("5EE5");

    [Fact]
    public async Task The_cabinet_goes_offline_after_the_timeout_without_an_authenticated_command_and_back_at_the_next()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        await panel.PollAsync(1);
        var cabinet = rig.Cabinet();
        var offline = cabinet.WhenOffline(Rig.Within);

        rig.Time.Advance(ProtocolTiming.OfflineAfter - TimeSpan.FromMilliseconds(1));
        Assert.False(offline.IsCompleted);
        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        await offline;

        var online = cabinet.WhenOnline(Rig.Within);
        Assert.False(online.IsCompleted);
        await panel.PollAsync(1);
        await online;
    }

    [Fact]
    public async Task Deny_all_refuses_every_badge_and_the_refusals_are_uploaded_after_reconnection()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        await panel.SendAsync(1, new AllowListUpsert(1, [Entry(Alice, "p-alice", SlotSet.Of(1))]));
        rig.PassOfflineTimeout();
        var cabinet = rig.Cabinet();

        Assert.Equal(InputOutcome.Denied, cabinet.PresentBadge(Alice));
        Assert.Equal(InputOutcome.Denied, cabinet.PresentBadge(Stranger));
        Assert.Equal(InputOutcome.Ignored, cabinet.SelectKey(1));
        Assert.False(cabinet.Door.IsUnlocked);

        var (_, report) = await ReconnectAndPollAsync(rig);
        Assert.Equal(
        [
            new OfflineAccessDenied(1, Rig.Start + ProtocolTiming.OfflineAfter, Alice, "p-alice", 0, DenialReason.PolicyDenyAll),
            new OfflineAccessDenied(2, Rig.Start + ProtocolTiming.OfflineAfter, Stranger, "", 0, DenialReason.PolicyDenyAll),
        ], report.Events);
    }

    [Fact]
    public async Task Allow_cached_decides_by_the_list_validity_slots_and_PIN_and_everything_is_uploaded_and_acknowledged()
    {
        await using var rig = await Rig.StartAsync();
        var panel = await rig.OnlineAsync();
        await panel.SendAsync(1, new AllowListUpsert(1,
        [
            Entry(Alice, "p-alice", SlotSet.Of(1, 2)),
            Entry(Bob, "p-bob", SlotSet.Of(3)) with { Pin = PinVerifier.Create("2468", iterations: 1_000) },
            Entry(Carol, "p-carol", SlotSet.Of(1)) with { ValidUntil = Rig.Start },
        ]));
        await panel.SendAsync(1, new SetOfflinePolicy(OfflinePolicy.AllowCached));
        rig.PassOfflineTimeout();
        var cabinet = rig.Cabinet();

        Assert.Equal(InputOutcome.Denied, cabinet.PresentBadge(Stranger));
        Assert.Equal(InputOutcome.Denied, cabinet.PresentBadge(Carol));
        Assert.Equal(InputOutcome.Granted, cabinet.PresentBadge(Alice));
        Assert.True(cabinet.Door.IsUnlocked);
        Assert.Equal(InputOutcome.Granted, cabinet.SelectKey(1));
        Assert.True(cabinet.TakeKey(1));
        Assert.Equal(InputOutcome.Denied, cabinet.SelectKey(3));
        Assert.False(cabinet.TakeKey(3));

        Assert.Equal(InputOutcome.AwaitingPin, cabinet.PresentBadge(Bob));
        Assert.Equal(InputOutcome.Denied, cabinet.EnterPin("1357"));
        Assert.Equal(InputOutcome.Ignored, cabinet.EnterPin("2468"));
        Assert.Equal(InputOutcome.AwaitingPin, cabinet.PresentBadge(Bob));
        Assert.Equal(InputOutcome.Granted, cabinet.EnterPin("2468#"));
        Assert.Equal(InputOutcome.Granted, cabinet.SelectKey(3));
        Assert.True(cabinet.TakeKey(3));
        Assert.True(cabinet.ReturnKey(3, Rig.Tag(1, 1)));

        rig.Time.Advance(new SimulatorOptions().LocalReleaseTime);
        Assert.Equal(InputOutcome.Ignored, cabinet.SelectKey(3));

        var (panelBack, report) = await ReconnectAndPollAsync(rig);
        var at = Rig.Start + ProtocolTiming.OfflineAfter;
        Assert.Equal<CabinetEvent>(
        [
            new OfflineAccessDenied(1, at, Stranger, "", 0, DenialReason.UnknownBadge),
            new OfflineAccessDenied(2, at, Carol, "p-carol", 0, DenialReason.OutsideValidity),
            new OfflineAccessGranted(3, at, Alice, "p-alice", 0),
            new OfflineAccessGranted(4, at, Alice, "p-alice", 1),
            new TagRemoved(5, at, 1, Rig.Tag(1, 1)),
            new OfflineAccessDenied(6, at, Alice, "p-alice", 3, DenialReason.SlotNotAllowed),
            new OfflineAccessDenied(7, at, Bob, "p-bob", 0, DenialReason.WrongPin),
            new OfflineAccessGranted(8, at, Bob, "p-bob", 0),
            new OfflineAccessGranted(9, at, Bob, "p-bob", 3),
            new TagRemoved(10, at, 3, Rig.Tag(1, 3)),
            new TagInserted(11, at, 3, Rig.Tag(1, 1)),
        ], report.Events);

        await panelBack.SendAsync(1, new EventAck(report.Epoch, 11));
        await cabinet.WhenAllEventsAcknowledged(Rig.Within);
        Assert.True(cabinet.IsOnline);
    }

    [Fact]
    public async Task A_full_log_refuses_offline_access_without_dropping_an_event()
    {
        await using var rig = await Rig.StartAsync(options: new SimulatorOptions { EventLogCapacity = 2 });
        var panel = await rig.OnlineAsync();
        await panel.SendAsync(1, new AllowListUpsert(1, [Entry(Alice, "p-alice", SlotSet.Of(1))]));
        await panel.SendAsync(1, new SetOfflinePolicy(OfflinePolicy.AllowCached));
        rig.PassOfflineTimeout();
        var cabinet = rig.Cabinet();
        cabinet.ForceSlot(2);
        cabinet.ForceSlot(3);

        Assert.Equal(InputOutcome.Denied, cabinet.PresentBadge(Alice));
        Assert.False(cabinet.Door.IsUnlocked);
        Assert.True(cabinet.ForceSlot(4));
        Assert.Equal(3u, cabinet.EventLog.LastNumber);
    }

    private static AllowListEntry Entry(ByteString badge, string person, SlotSet slots) => new(badge, person, null, null, null, slots);

    /// <summary>The driver's way back: a new connection, a handshake, a poll that brings the backlog.</summary>
    private static async Task<(TestPanel Panel, EventReport Report)> ReconnectAndPollAsync(Rig rig)
    {
        var panel = await rig.OnlineAsync();
        return (panel, Assert.IsType<EventReport>(await panel.PollAsync(1)));
    }
}
