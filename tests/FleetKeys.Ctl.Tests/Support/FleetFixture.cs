using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Time;
using FleetKeys.Node.Demo;
using FleetKeys.Protocol.Security;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Activity;
using FleetKeys.Simulator.Fleet;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit.Sdk;

namespace FleetKeys.Ctl.Tests.Support;

/// <summary>
/// A node with two controllers. "ctl-01" is a simulated controller, connected over TCP, with cabinet "ctl-01-cab-01"
/// (four slots, a master key in slot 1). "ctl-dark" is registered where nothing listens; its cabinet "vault" has had
/// its master key (slot 1, due in 8 h) and a one-hour key (slot 2) taken by p-0001 two hours ago, on the node's clock.
/// People p-0001…p-0003 may take any key at the site.
/// </summary>
public sealed class FleetFixture : IAsyncLifetime
{
    public static readonly SiteId Site = new("hq");
    public static readonly CabinetId Vault = new("vault");
    public const string Holder = "p-0001";

    private readonly SqliteTestDatabase _database = new();

    /// <summary>The node's clock: moved two hours on, by hand, after the takes; it stands still otherwise.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public CtlNode Node { get; private set; } = null!;

    public SimulatedController Controller { get; private set; } = null!;

    public SimulatedCabinet Cabinet => Controller.Cabinets[0];

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Node = await CtlNode.Start(new NodeOptions(_database.Settings.DataFolder), Clock);
        var admin = Node.Service<FleetAdmin>();
        var provisioning = new FleetProvisioning(admin);

        Must(await admin.RegisterSite(Site, "Headquarters", "UTC", "test"));
        var dark = new ControllerId("ctl-dark");
        Must(await admin.RegisterController(dark, "127.0.0.1", FreePort.Next(), OfflinePolicy.DenyAll, "test"));
        Must(await admin.RegisterCabinet(Vault, Site, dark, 1, 3, requiresPin: false, "test"));
        Must(await admin.AssignKey(new SlotId(Vault, 1), Key(1, "Vault master", Criticality.Master, TimeSpan.FromHours(8)), "test"));
        Must(await admin.AssignKey(new SlotId(Vault, 2), Key(2, "Van 7", Criticality.Normal, TimeSpan.FromHours(1)), "test"));
        Must(await admin.AssignKey(new SlotId(Vault, 3), Key(3, "Archive", Criticality.Restricted, TimeSpan.FromHours(1)), "test"));
        var people = SimulatedPerson.Generate(3);
        await provisioning.RegisterPeople(people, [new Entitlement(null, Site, null, Schedule.Always)], maxKeys: 3);

        await Take(people[0], 1);
        await Take(people[0], 2);
        await Eventually.Holds(async () => Assert.Equal(2, Must(await admin.GetCabinet(Vault)).Summary.Values.Count(s => s.Status == CustodyStatus.Out)));
        Clock.Advance(TimeSpan.FromHours(2));

        var spec = new FleetLayout(1, 1, 4).Specs()[0];
        Controller = new SimulatedController(spec, ControllerSecret.Derive(Keys.MasterSecret, spec.ControllerId), TimeProvider.System);
        await Controller.StartAsync();
        await provisioning.RegisterFleet(new FleetDescription(SimulatedController.Host, [Controller.Describe()]), Site, "UTC",
            OfflinePolicy.AllowCached, FleetProvisioning.DefaultKey);
        using var within = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await Cabinet.WaitUntilAsync(c => c.AllowList.Entries.Count > 0, within.Token);
        await Eventually.Holds(async () => Assert.True(Must(await admin.GetCabinet(new CabinetId(Cabinet.CabinetId))).Online));
    }

    /// <summary>A take as the controller reports it: badge, key chosen, tag gone from the slot.</summary>
    private async Task Take(SimulatedPerson person, int slot)
    {
        var cabinets = Node.Service<IActorRegistry>().Get<CabinetRegion>();
        var now = Clock.GetUtcNow();
        var access = await Ask<AccessGranted>(cabinets, new PresentBadge(Vault, new BadgeNumber(person.Badge.ToHex()), null, now));
        await Ask<UnlockSlot>(cabinets, new SelectKey(Vault, access.Session, slot, now));
        await Ask<SlotEventRecorded>(cabinets, new ReportTagRemoved(Vault, slot, TagOf(slot), now));
    }

    private static KeyDefinition Key(int slot, string name, Criticality criticality, TimeSpan maxDuration) =>
        new(new KeyId($"vault-k{slot}"), name, new KeyGroup("vault"), criticality, TagOf(slot), new CustodyPolicy(maxDuration, null));

    private static TagId TagOf(int slot) => new($"vault-tag-{slot}");

    private static async Task<T> Ask<T>(IActorRef region, object message) =>
        await region.Ask<object>(message, TimeSpan.FromSeconds(10)) is T answer ? answer : throw new XunitException($"{message} was refused");

    private static T Must<T>(Outcome<T> outcome) where T : class =>
        outcome.Value ?? throw new XunitException($"fixture step refused: {outcome.Rejection}");

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Controller.DisposeAsync();
        await _database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class FleetCollection : ICollectionFixture<FleetFixture>
{
    public const string Name = "fleet";
}
