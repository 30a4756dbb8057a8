using FleetKeys.Cluster.People;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Security;
using FleetKeys.Domain.Time;
using FleetKeys.Driver;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Channels;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Driver.Tests;

/// <summary>
/// How a person's change reaches a cabinet's offline allow-list: a link may be cut after any frame, so no prefix of the
/// changes sent may leave a person without the access they still have.
/// </summary>
public sealed class AllowListsSpecs
{
    private static readonly CabinetId Cabinet = CabinetId.Parse("cab-1");
    private static readonly SealingKey Pepper = SealingKey.Derive(new byte[32], "pin-pepper");
    private readonly Revocations _revoked = new();

    private static CabinetOnBus LaidOutBus()
    {
        var bus = new CabinetOnBus(1, new AttachedCabinet(Cabinet, RequiresPin: false), new PanelChannel(1, ControllerSecret.Generate()))
        {
            Layout = (SiteId.Parse("hq"), new Dictionary<int, KeyGroup> { [1] = KeyGroup.Parse("vans"), [2] = KeyGroup.Parse("masters") }),
        };
        return bus;
    }

    private static AccessProfile Dave(long version, params string[] badges) => new(
        PersonId.Parse("dave"), version, Active: true, [.. badges.Select(b => new BadgeNumber(b))], PinHash: null, null, null,
        [new Entitlement(KeyGroup.Parse("vans"), null, null, Schedule.Always)]);

    private List<ManufacturerCommand> Sent(CabinetOnBus bus)
    {
        var sent = new List<ManufacturerCommand>();
        while (bus.HasWork)
            if (bus.Next(RecordingCluster.SentAt) is ManufacturerCommand change) sent.Add(change);
        return sent;
    }

    private CabinetOnBus HoldingDave(params string[] badges)
    {
        var bus = LaidOutBus();
        AllowLists.Reload(bus, [Dave(1, badges)], _revoked, Pepper);
        Sent(bus);
        return bus;
    }

    [Fact]
    public void An_entry_holds_the_slots_of_the_groups_unscheduled_entitlements_cover_here_every_slot_for_one_naming_no_group()
    {
        var bus = LaidOutBus();
        AccessProfile Entitled(string person, params Entitlement[] entitlements) =>
            new(PersonId.Parse(person), 1, Active: true, [new BadgeNumber("0A0B0C")], PinHash: null, null, null, entitlements);
        var vans = KeyGroup.Parse("vans");
        var masters = KeyGroup.Parse("masters");

        AllowLists.Reload(bus, [
            Entitled("vans-only", new Entitlement(vans, null, null, Schedule.Always)),
            Entitled("everything", new Entitlement(masters, null, null, Schedule.Always), new Entitlement(null, SiteId.Parse("hq"), null, Schedule.Always)),
            Entitled("masters-on-weekdays", new Entitlement(vans, null, null, Schedule.Always) with { Site = SiteId.Parse("elsewhere") },
                new Entitlement(masters, null, null, new Schedule([new WeeklyWindow([DayOfWeek.Monday], new TimeOnly(8, 0), new TimeOnly(17, 0))]))),
        ], _revoked, Pepper);

        var entries = Sent(bus).OfType<AllowListUpsert>().SelectMany(u => u.Entries).ToDictionary(e => e.PersonId, e => e.Slots);
        Assert.Equal(SlotSet.Of(1), entries["vans-only"]);
        Assert.Equal(SlotSet.Of(1, 2), entries["everything"]);
        Assert.False(entries.ContainsKey("masters-on-weekdays"));
    }

    [Fact]
    public void A_new_profile_that_changes_nothing_here_sends_nothing()
    {
        var bus = HoldingDave("0A0B");

        // A person's entity publishes again whenever it starts, at its latest journal position: a newer version, same access.
        AllowLists.Update(bus, new AccessDirectoryChange(AccessDirectoryChange.Empty, AccessPlaces.None, [Dave(2, "0A0B")], []), _revoked, Pepper);

        Assert.Empty(Sent(bus));
    }

    [Fact]
    public void A_changed_person_is_replaced_badge_by_badge_and_never_purged_while_still_entitled()
    {
        var bus = HoldingDave("0A0B", "0C0D");

        AllowLists.Update(bus, new AccessDirectoryChange(AccessDirectoryChange.Empty, AccessPlaces.None, [Dave(2, "0A0B", "0E0F")], []), _revoked, Pepper);

        var sent = Sent(bus);
        Assert.DoesNotContain(sent, c => c is AllowListPurge);
        var upsert = Assert.IsType<AllowListUpsert>(sent[0]);
        Assert.Equal([ByteString.FromHex("0A0B"), ByteString.FromHex("0E0F")], upsert.Entries.Select(e => e.Badge));
        var removed = Assert.IsType<AllowListRemove>(Assert.Single(sent.Skip(1)));
        Assert.Equal([ByteString.FromHex("0C0D")], removed.Badges);
        Assert.Equal(upsert.Version + 1, removed.Version);
    }

    [Fact]
    public void A_person_who_loses_every_entry_here_is_purged()
    {
        var bus = HoldingDave("0A0B");

        AllowLists.Update(bus, new AccessDirectoryChange(AccessDirectoryChange.Empty, AccessPlaces.None, [Dave(2, "0A0B") with { Active = false }], []), _revoked, Pepper);

        Assert.Equal("dave", Assert.IsType<AllowListPurge>(Assert.Single(Sent(bus))).PersonId);
    }

    [Fact]
    public void A_revocation_is_complete_only_once_every_cabinet_of_the_controller_acknowledged_the_purge_and_is_reported_once()
    {
        var (first, second) = (OnlineHoldingDave(), OnlineHoldingDave());
        var revocation = new RevocationBroadcast(PersonId.Parse("dave"), 1, 2, DateTimeOffset.UnixEpoch);
        _revoked.Add(revocation);
        foreach (var bus in (CabinetOnBus[])[first, second]) AllowLists.Purge(bus, revocation);
        Assert.False(AllowLists.PurgedEverywhere(revocation.Person, [first, second]));

        Assert.Empty(AllowLists.PurgesCompleted(first, first.AllowListVersion - 1, [first, second], _revoked));
        Assert.Empty(AllowLists.PurgesCompleted(first, first.AllowListVersion, [first, second], _revoked));
        Assert.Equal([revocation], AllowLists.PurgesCompleted(second, second.AllowListVersion, [first, second], _revoked));
        Assert.Empty(AllowLists.PurgesCompleted(second, second.AllowListVersion, [first, second], _revoked));
        Assert.True(AllowLists.PurgedEverywhere(revocation.Person, [first, second]));
    }

    [Fact]
    public void A_cabinet_away_at_the_revocation_keeps_it_awaited_until_the_list_reloaded_after_its_return_is_acknowledged()
    {
        var away = HoldingDave("0A0B");
        var revocation = new RevocationBroadcast(PersonId.Parse("dave"), 1, 2, DateTimeOffset.UnixEpoch);
        _revoked.Add(revocation);

        AllowLists.Purge(away, revocation);
        Assert.Empty(AllowLists.PurgesCompleted(away, away.AllowListVersion + 100, [away], _revoked));

        away.Liveness.Heard(DateTimeOffset.UnixEpoch);
        AllowLists.Reload(away, [Dave(1, "0A0B")], _revoked, Pepper);
        Assert.DoesNotContain(Sent(away), c => c is AllowListUpsert);
        Assert.Equal([revocation], AllowLists.PurgesCompleted(away, away.AllowListVersion, [away], _revoked));
    }

    private CabinetOnBus OnlineHoldingDave()
    {
        var bus = HoldingDave("0A0B");
        bus.Liveness.Heard(DateTimeOffset.UnixEpoch);
        return bus;
    }
}
