using FleetKeys.Cluster.Administration;
using FleetKeys.Domain;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Activity;
using FleetKeys.Simulator.Fleet;

namespace FleetKeys.Node.Demo;

/// <summary>
/// Registers a simulated fleet and its people in the cluster exactly as an administrator would through the API.
/// Every step tolerates "already exists", so a demo node restarted on its data folder simply carries on.
/// </summary>
public sealed class FleetProvisioning(FleetAdmin admin)
{
    /// <summary>Who the changes it makes are recorded as made by.</summary>
    public const string By = "provisioning";

    public async Task RegisterFleet(FleetDescription fleet, SiteId site, string timeZone, OfflinePolicy offlinePolicy,
        Func<CabinetSpec, int, KeyDefinition> keyFor, bool requiresPin = false)
    {
        Check(await admin.RegisterSite(site, site.Value, timeZone, By));
        foreach (var controller in fleet.Controllers)
        {
            var controllerId = new ControllerId(controller.ControllerId);
            var registered = await admin.RegisterController(controllerId, fleet.Host, controller.Port, offlinePolicy, By);
            // A simulated fleet started again listens on new ports: its controllers are re-pointed, as an administrator would.
            if (registered.Rejection is { Code: RejectionCode.AlreadyExists })
                registered = await admin.ChangeController(controllerId, fleet.Host, controller.Port, offlinePolicy, By);
            Check(registered);
            foreach (var cabinet in controller.Cabinets)
            {
                var cabinetId = new CabinetId(cabinet.CabinetId);
                Check(await admin.RegisterCabinet(cabinetId, site, controllerId, cabinet.BusAddress, cabinet.SlotCount, requiresPin, By, cabinet.ReaderAddress));
                for (var slot = 1; slot <= cabinet.SlotCount; slot++)
                    Check(await admin.AssignKey(new SlotId(cabinetId, slot), keyFor(cabinet, slot), By));
            }
        }
    }

    public async Task RegisterPeople(IEnumerable<SimulatedPerson> people, IReadOnlyList<Entitlement> entitlements, int maxKeys)
    {
        foreach (var person in people)
        {
            var id = new PersonId(person.PersonId);
            Check(await admin.RegisterPerson(id, person.PersonId, null, null, maxKeys));
            Check(await admin.AddBadge(id, new BadgeNumber(person.Badge.ToHex())));
            if (person.Pin is { } pin) Check(await admin.SetPin(id, pin, "demo"));
            Check(await admin.SetEntitlements(id, entitlements));
        }
    }

    /// <summary>A key in every slot: slot 1 of each cabinet holds a master key, the rest general keys due back within 8 hours.</summary>
    public static KeyDefinition DefaultKey(CabinetSpec cabinet, int slot) => new(
        new KeyId($"{cabinet.CabinetId}-k{slot:D2}"),
        slot == 1 ? $"Master key {cabinet.CabinetId}" : $"Key {slot} of {cabinet.CabinetId}",
        new KeyGroup(slot == 1 ? "masters" : "general"),
        slot == 1 ? Criticality.Master : Criticality.Normal,
        new TagId(cabinet.Tags[slot - 1].ToHex()),
        new CustodyPolicy(TimeSpan.FromHours(8), null));

    private static void Check<T>(Outcome<T> outcome) where T : class
    {
        if (outcome.Rejection is { Code: RejectionCode.Unavailable } late) throw new TimeoutException($"provisioning the fleet: {late.Message}");
        if (outcome.Rejection is { Code: not RejectionCode.AlreadyExists } rejection)
            throw new InvalidOperationException($"provisioning the fleet failed: {rejection.Message}");
    }
}
