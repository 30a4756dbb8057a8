using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Alarms;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.People;
using FleetKeys.Domain;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.Administration;

/// <summary>
/// The control room's commands. Each decision is persisted by the entity that owns it before any lock moves; the locks
/// are then driven through the cabinet's controller, which carries them out if it is online (the record stands either way).
/// </summary>
public sealed class FleetCommands(IActorRegistry registry, FleetAdmin admin, TimeProvider clock, EntitySettings settings)
{
    private DateTimeOffset Now => clock.GetUtcNow();

    private async Task<object> Ask<TRegion>(object message) => await registry.Get<TRegion>().Ask<object>(message, settings.AskTimeout * 2);

    /// <summary>
    /// Releases the key in <paramref name="slot"/> to <paramref name="person"/>; the take that follows is theirs. The cabinet
    /// decides and drives the lock; an unknown cabinet is not woken to be refused.
    /// </summary>
    public async Task<Outcome<KeySlotDetails>> RemoteRelease(SlotId slot, PersonId person, string reason, string by)
    {
        if ((await admin.GetCabinet(slot.Cabinet)).Rejection is { } missing) return missing;
        var answer = await Ask<CabinetRegion>(new ReleaseRemotely(slot.Cabinet, slot.Number, person, reason, by, Now));
        return answer is ReleaseGranted ? await admin.GetCustody(slot) : Outcome<KeySlotDetails>.From(answer);
    }

    /// <summary>
    /// Hands the key homed in <paramref name="slot"/> from whoever holds it to <paramref name="person"/>, as an operator;
    /// an unknown cabinet is not woken to be refused.
    /// </summary>
    public async Task<Outcome<KeySlotDetails>> HandOver(SlotId slot, PersonId person, string? reason, string by)
    {
        if ((await admin.GetCabinet(slot.Cabinet)).Rejection is { } missing) return missing;
        return Outcome<KeySlotDetails>.From(await Ask<CabinetRegion>(
            new HandOverKeyAt(slot.Cabinet, slot.Number, null, person, new HandoverOrigin(by, reason), Now)));
    }

    /// <summary>Asks an online cabinet for its inventory now; an unknown cabinet is not woken to be refused.</summary>
    public async Task<Outcome<InventoryRequested>> TakeInventory(CabinetId cabinet, string by)
    {
        if ((await admin.GetCabinet(cabinet)).Rejection is { } missing) return missing;
        return Outcome<InventoryRequested>.From(await Ask<CabinetRegion>(new RequestInventory(cabinet, by, Now)));
    }

    public async Task<Outcome<CabinetDetails>> EmergencyOpen(CabinetId cabinet, string reason, TimeSpan duration, string by)
    {
        var outcome = Outcome<CabinetDetails>.From(await Ask<CabinetRegion>(new DeclareEmergencyOpen(cabinet, reason, by, Now + duration, Now)));
        if (outcome.Value is { } state) Drive(state, door: true, AllSlots(state), release: true, duration);
        return outcome;
    }

    public async Task<Outcome<CabinetDetails>> LockDown(CabinetId cabinet, string reason, string by)
    {
        var outcome = Outcome<CabinetDetails>.From(await Ask<CabinetRegion>(new LockDownCabinet(cabinet, reason, by, Now)));
        if (outcome.Value is { } state) Drive(state, door: true, AllSlots(state), release: false, TimeSpan.Zero);
        return outcome;
    }

    public async Task<Outcome<CabinetDetails>> LiftLockdown(CabinetId cabinet, string by) =>
        Outcome<CabinetDetails>.From(await Ask<CabinetRegion>(new LiftLockdown(cabinet, by, Now)));

    public async Task<Outcome<AlarmDetails>> Acknowledge(RaisedAlarm alarm, string? note, string by) =>
        Outcome<AlarmDetails>.From(await Ask<AlarmRegion>(new AcknowledgeAlarm(alarm.Id, by, note, alarm.Cabinet, Now, alarm.Person) { ClearedItself = alarm.ClearedItself }));

    public async Task<Outcome<AlarmDetails>> Clear(RaisedAlarm alarm, string? note, string by) =>
        Outcome<AlarmDetails>.From(await Ask<AlarmRegion>(new ClearAlarm(alarm.Id, by, note, alarm.Cabinet, Now, alarm.Person) { ClearedItself = alarm.ClearedItself }));

    /// <summary>A PIN reset: the person has none until a new one is set, so cabinets that require one refuse them meanwhile.</summary>
    public async Task<Outcome<PersonDetails>> ResetPin(PersonId person) =>
        Outcome<PersonDetails>.From(await Ask<PersonRegion>(new ClearPin(person, Now)));

    private static int[] AllSlots(CabinetDetails cabinet) => [.. Enumerable.Range(1, cabinet.SlotCount)];

    private void Drive(CabinetDetails cabinet, bool door, IReadOnlyList<int> slots, bool release, TimeSpan duration) =>
        registry.Get<ControllerRegion>().Tell(new DriveLocks(cabinet.Controller, cabinet.Id, door, slots, release, Now + duration));
}
