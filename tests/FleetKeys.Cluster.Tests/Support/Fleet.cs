using FleetKeys.Cluster.Administration;
using FleetKeys.Domain;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Time;
using Xunit.Sdk;

namespace FleetKeys.Cluster.Tests.Support;

/// <summary>Seeds sites, cabinets, keys and people through the same admin service the API uses.</summary>
public sealed class Fleet(FleetAdmin admin)
{
    public static readonly SiteId Site = new("hq");
    public const string Zone = "Europe/Berlin";

    /// <summary>Unique ids per test, so tests sharing one node never see each other's entities.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    /// <summary>Cabinets so far, for their bus addresses: a hundred to each controller, registered where nothing listens.</summary>
    private static int _cabinets;

    /// <summary>A cabinet at <see cref="Site"/> with a key in every slot, or in the first <paramref name="keys"/> when that is given.</summary>
    public async Task<CabinetId> Cabinet(int slots = 4, bool requiresPin = false, CustodyPolicy? policy = null, string group = "general", int? keys = null)
    {
        await admin.RegisterSite(Site, "Headquarters", Zone, "test"); // idempotent enough: AlreadyExists is fine here
        var cabinet = new CabinetId(Unique("cab"));
        var n = Interlocked.Increment(ref _cabinets);
        var controller = new ControllerId($"ctl-tests-{n / 100}");
        Must(await admin.RegisterController(controller, "127.0.0.1", 9, OfflinePolicy.DenyAll, "test"));
        Must(await admin.RegisterCabinet(cabinet, Site, controller, n % 100 + 1, slots, requiresPin, "test"));
        for (var slot = 1; slot <= (keys ?? slots); slot++)
            Must(await admin.AssignKey(new SlotId(cabinet, slot), Key(cabinet, slot, group, policy), "test"));
        return cabinet;
    }

    public static TagId TagOf(CabinetId cabinet, int slot) => new($"tag-{cabinet}-{slot}");

    public static KeyDefinition Key(CabinetId cabinet, int slot, string group = "general", CustodyPolicy? policy = null) =>
        new(new KeyId($"key-{cabinet}-{slot}"), $"Key {slot}", new KeyGroup(group), Criticality.Normal, TagOf(cabinet, slot),
            policy ?? new CustodyPolicy(TimeSpan.FromHours(8), null));

    public async Task<(PersonId Person, BadgeNumber Badge)> Person(
        int maxKeys = 2, string? pin = null, IReadOnlyList<Entitlement>? entitlements = null)
    {
        var person = new PersonId(Unique("p"));
        var badge = new BadgeNumber(Unique("b"));
        Must(await admin.RegisterPerson(person, "Test Person", null, null, maxKeys));
        Must(await admin.AddBadge(person, badge));
        if (pin is not null) Must(await admin.SetPin(person, pin, "test"));
        Must(await admin.SetEntitlements(person, entitlements ?? [new Entitlement(null, null, null, Schedule.Always)]));
        return (person, badge);
    }

    public static T Must<T>(Outcome<T> outcome) where T : class =>
        outcome.Value ?? throw new XunitException($"admin step rejected: {outcome.Rejection}");

    public static Rejection Rejected<T>(Outcome<T> outcome) where T : class =>
        outcome.Rejection ?? throw new XunitException($"expected a rejection, got {outcome.Value}");
}
