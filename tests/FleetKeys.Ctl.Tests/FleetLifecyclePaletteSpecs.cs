using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Ctl.Tests.Support;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Time;
using Xunit.Sdk;

namespace FleetKeys.Ctl.Tests;

/// <summary>fleetctl's fleet palette changes the fleet as the API does: re-point, re-wire, decommission, remove a key.</summary>
public sealed class FleetLifecyclePaletteSpecs(SingleNode single) : IClassFixture<SingleNode>
{
    private static readonly SiteId Site = new("hq");

    private CtlNode Node => single.Node;

    private FleetAdmin Admin => Node.Service<FleetAdmin>();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private async Task<ControllerId> Controller(int port = 9)
    {
        var id = new ControllerId(Unique("ctl"));
        Must(await Admin.RegisterController(id, "127.0.0.1", port, OfflinePolicy.DenyAll, "test"));
        return id;
    }

    /// <summary>A one-slot cabinet on <paramref name="controller"/>, its key in the slot.</summary>
    private async Task<CabinetId> Cabinet(ControllerId controller)
    {
        await Admin.RegisterSite(Site, "Headquarters", "UTC", "test");
        var id = new CabinetId(Unique("cab"));
        Must(await Admin.RegisterCabinet(id, Site, controller, 1, 1, requiresPin: false, "test"));
        Must(await Admin.AssignKey(new SlotId(id, 1), new KeyDefinition(new KeyId($"{id}-k1"), "Van", new KeyGroup("vans"), Criticality.Normal,
            new TagId($"{id}-t1"), new CustodyPolicy(TimeSpan.FromHours(8), null)), "test"));
        return id;
    }

    [Fact]
    public async Task Repoint_moves_where_the_driver_dials_and_needs_the_admin_role()
    {
        var controller = await Controller(port: 9);

        var repointed = await Node.Ctl("fleet", "repoint", controller.Value, "127.0.0.1", "4711");
        var listed = await Node.Ctl("fleet", "controllers");
        var byOperator = await Node.CtlAs(Keys.Operator, "fleet", "repoint", controller.Value, "127.0.0.1", "4712");
        var badPort = await Node.Ctl("fleet", "repoint", controller.Value, "127.0.0.1", "70000");

        Assert.Equal(0, repointed.ExitCode);
        Assert.Equal($"controller {controller} is now at 127.0.0.1:4711; its driver redials there at once", repointed.Lines[0]);
        Assert.Equal([controller.Value, "127.0.0.1:4711"], listed.Row(controller.Value).Take(2));
        Assert.Equal(3, byOperator.ExitCode);
        Assert.Equal(2, badPort.ExitCode);
        Assert.Contains("port: must be a whole number from 1 to 65535", badPort.Error);
    }

    [Fact]
    public async Task Commission_opens_a_bounded_window_for_one_bus_address_and_needs_the_admin_role()
    {
        var controller = await Controller(port: 9);

        var opened = await Node.Ctl("fleet", "commission", controller.Value, "3", "--minutes", "10");
        var byOperator = await Node.CtlAs(Keys.Operator, "fleet", "commission", controller.Value, "3");
        var tooLong = await Node.Ctl("fleet", "commission", controller.Value, "3", "--minutes", "61");
        var badBus = await Node.Ctl("fleet", "commission", controller.Value, "127");

        Assert.Equal(0, opened.ExitCode);
        Assert.StartsWith($"bus address 3 of controller {controller} may be commissioned until ", opened.Lines[0]);
        Assert.True((await Admin.GetController(controller)).Value!.Commissioning.ContainsKey(3));
        Assert.Equal(3, byOperator.ExitCode);
        Assert.Equal(2, tooLong.ExitCode);
        Assert.Contains("minutes: must be a whole number from 1 to 60", tooLong.Error);
        Assert.Equal(2, badBus.ExitCode);
        Assert.Contains("bus: must be a whole number from 0 to 126", badBus.Error);
    }

    [Fact]
    public async Task Rotate_key_asks_for_the_next_generation_of_a_wired_device_and_needs_the_admin_role()
    {
        var controller = await Controller(port: 9);
        await Cabinet(controller);

        var asked = await Node.Ctl("fleet", "rotate-key", controller.Value, "1");
        var byOperator = await Node.CtlAs(Keys.Operator, "fleet", "rotate-key", controller.Value, "1");
        var again = await Node.Ctl("fleet", "rotate-key", controller.Value, "1");
        var nobodyThere = await Node.Ctl("fleet", "rotate-key", controller.Value, "2");

        Assert.Equal(0, asked.ExitCode);
        Assert.Equal($"the key of bus address 1 of controller {controller} is to be rotated to generation 1; its driver sends it at the device's next session",
            asked.Lines[0]);
        Assert.Equal(1, (await Admin.GetController(controller)).Value!.KeyRotations[1]);
        Assert.Equal(3, byOperator.ExitCode);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("already being rotated to generation 1", again.Error);
        Assert.NotEqual(0, nobodyThere.ExitCode);
        Assert.Contains("no device at bus address 2", nobodyThere.Error);
    }

    [Fact]
    public async Task Tls_pins_a_controllers_certificate_or_turns_it_off_and_needs_the_admin_role()
    {
        var controller = await Controller(port: 9);
        var thumbprint = string.Concat(Enumerable.Repeat("AB", 32));

        var pinned = await Node.Ctl("fleet", "tls", controller.Value, thumbprint.ToLowerInvariant());
        var byOperator = await Node.CtlAs(Keys.Operator, "fleet", "tls", controller.Value, "off");
        var bad = await Node.Ctl("fleet", "tls", controller.Value, "AB:CD");
        var pinnedThen = (await Admin.GetController(controller)).Value!.TlsThumbprint;
        var off = await Node.Ctl("fleet", "tls", controller.Value, "off");

        Assert.Equal(0, pinned.ExitCode);
        Assert.Equal($"controller {controller} is dialled in TLS 1.3, trusting only the certificate with SHA-256 {thumbprint}; its driver redials at once",
            pinned.Lines[0]);
        Assert.Equal(thumbprint, pinnedThen);
        Assert.Equal(3, byOperator.ExitCode);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("thumbprint", bad.Error);
        Assert.Equal(0, off.ExitCode);
        Assert.Equal($"controller {controller} is dialled in plain TCP; its driver redials at once", off.Lines[0]);
        Assert.Null((await Admin.GetController(controller)).Value!.TlsThumbprint);
    }

    [Fact]
    public async Task Rewire_moves_a_cabinet_to_another_controllers_bus()
    {
        var (first, second) = (await Controller(), await Controller());
        var cabinet = await Cabinet(first);

        var rewired = await Node.Ctl("fleet", "rewire", cabinet.Value, second.Value, "--bus", "4");
        var slots = await Node.Ctl("fleet", "slots", cabinet.Value);

        Assert.Equal(0, rewired.ExitCode);
        Assert.Equal($"cabinet {cabinet} is now at bus address 4 of controller {second}", rewired.Lines[0]);
        Assert.Equal(["controller:", second.Value], slots.Row("controller:"));
    }

    [Fact]
    public async Task Taking_a_cabinet_and_its_controller_out_of_service_asks_first_and_goes_key_by_key()
    {
        var controller = await Controller();
        var cabinet = await Cabinet(controller);

        var wiredController = await Node.Ctl("fleet", "decommission-controller", controller.Value, "--yes");
        var homingCabinet = await Node.Ctl("fleet", "decommission-cabinet", cabinet.Value, "--yes");
        var keyRemoved = await Node.Ctl("fleet", "remove-key", $"{cabinet}/1", "--yes");
        var declined = await Node.CtlTyping("no\n", "fleet", "decommission-cabinet", cabinet.Value);
        var cabinetGone = await Node.CtlTyping("yes\n", "fleet", "decommission-cabinet", cabinet.Value);
        var controllerGone = await Node.Ctl("fleet", "decommission-controller", controller.Value, "--yes");
        var ping = await Node.Ctl("fleet", "ping", controller.Value);
        var listed = await Node.Ctl("fleet", "controllers");

        Assert.Equal(1, wiredController.ExitCode);
        Assert.Contains($"still drives cabinet(s) {cabinet}", wiredController.Error);
        Assert.Equal(1, homingCabinet.ExitCode);
        Assert.Contains("still homes keys in slot(s) 1", homingCabinet.Error);
        Assert.Equal((0, $"slot {cabinet}/1 has no key any more"), (keyRemoved.ExitCode, keyRemoved.Lines[0]));
        Assert.Equal(1, declined.ExitCode);
        Assert.Contains("not confirmed; nothing was done", declined.Error);
        Assert.Equal((0, $"cabinet {cabinet} is decommissioned and has left its controller's bus"), (cabinetGone.ExitCode, cabinetGone.Lines[0]));
        Assert.Equal(0, controllerGone.ExitCode);
        Assert.Equal(1, ping.ExitCode);
        Assert.Contains($"controller {controller} does not exist", ping.Error);
        Assert.DoesNotContain(listed.Lines, l => l.StartsWith(controller.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_out_is_not_removed()
    {
        var cabinet = await Cabinet(await Controller());
        var person = new PersonId(Unique("p"));
        var badge = new BadgeNumber(Unique("b"));
        Must(await Admin.RegisterPerson(person, "Pat", null, null, 1));
        Must(await Admin.AddBadge(person, badge));
        Must(await Admin.SetEntitlements(person, [new Entitlement(null, Site, null, Schedule.Always)]));
        var cabinets = Node.Service<IActorRegistry>().Get<CabinetRegion>();
        var now = DateTimeOffset.UtcNow;
        var access = await Ask<AccessGranted>(cabinets, new PresentBadge(cabinet, badge, null, now));
        await Ask<UnlockSlot>(cabinets, new SelectKey(cabinet, access.Session, 1, now));
        await Ask<SlotEventRecorded>(cabinets, new ReportTagRemoved(cabinet, 1, new TagId($"{cabinet}-t1"), now));

        var refused = await Node.Ctl("fleet", "remove-key", $"{cabinet}/1", "--yes");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"out with {person}", refused.Error);
        Assert.Equal(CustodyStatus.Out, Must(await Admin.GetCustody(new SlotId(cabinet, 1))).Status);
    }

    private static async Task<T> Ask<T>(IActorRef region, object message) =>
        await region.Ask<object>(message, TimeSpan.FromSeconds(10)) is T answer ? answer : throw new XunitException($"{message} was refused");

    private static T Must<T>(Outcome<T> outcome) where T : class =>
        outcome.Value ?? throw new XunitException($"step refused: {outcome.Rejection}");
}
