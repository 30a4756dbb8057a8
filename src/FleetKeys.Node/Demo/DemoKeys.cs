using FleetKeys.Domain.KeySlots;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Activity;

namespace FleetKeys.Node.Demo;

/// <summary>
/// The demo's keys: <see cref="FleetProvisioning.DefaultKey"/> everywhere but in the short-loan slots, whose keys are due
/// back soon after the take and kept longer than that by the simulated people, so a newcomer sees a reminder, an overdue
/// key and both escalation steps within minutes of starting the demo; and the pool slots, whose keys may go back into any
/// free slot of their cabinet, so a key put elsewhere shows as back where it sits, without the wrong-slot alarm the
/// other keys raise; and the approval slots, whose keys go only to someone whose request security approved (the demo's
/// simulated approver, <see cref="DemoApprovals"/>), so requests, decisions and redemptions show; and the vehicle slots,
/// whose keys ask a reason when taken and the odometer, fuel and damage when back, answered sensibly by the simulated people.
/// </summary>
public static class DemoKeys
{
    public static readonly IReadOnlyList<byte> ShortLoanSlots = [2, 3];

    public static readonly IReadOnlyList<byte> PoolSlots = [4, 5];

    public static readonly IReadOnlyList<byte> ApprovalSlots = [6];

    public static readonly IReadOnlyList<byte> VehicleSlots = [1, 7];

    private static readonly CustodyQuestions VehicleQuestions = new(["Delivery", "Service", "Customer visit"], Odometer: true, Fuel: true, Damage: true);

    /// <summary>Decided by security within 10 minutes, redeemable for 15: short enough that a lapse or an expiry shows too.</summary>
    public static readonly ApprovalRule Approval = new(ApproverKind.Security, null, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(15));

    public static Func<CabinetSpec, int, KeyDefinition> For(DemoSettings settings) => (cabinet, slot) =>
        ShortLoanSlots.Contains((byte)slot) ? ShortLoan(cabinet, slot, settings.ShortLoan)
        : PoolSlots.Contains((byte)slot) ? Pool(cabinet, slot)
        : ApprovalSlots.Contains((byte)slot) ? NeedsApproval(cabinet, slot)
        : VehicleSlots.Contains((byte)slot) ? Vehicle(cabinet, slot)
        : FleetProvisioning.DefaultKey(cabinet, slot);

    /// <summary>The simulated people keep short-loan keys <see cref="DemoSettings.ShortLoanHoldTime"/>, other keys the usual time.</summary>
    public static IReadOnlyDictionary<byte, TimeSpan> HoldTimes(DemoSettings settings) =>
        ShortLoanSlots.ToDictionary(slot => slot, _ => settings.ShortLoanHoldTime);

    /// <summary>Due <paramref name="loan"/> after the take; reminded half a loan before; escalated to security half a loan late, to the manager a loan late.</summary>
    private static KeyDefinition ShortLoan(CabinetSpec cabinet, int slot, TimeSpan loan) =>
        FleetProvisioning.DefaultKey(cabinet, slot) with
        {
            Name = $"Short-loan key {slot} of {cabinet.CabinetId}",
            Policy = new CustodyPolicy(loan, null) { Alerts = new CustodyAlerts(loan / 2, loan / 2, loan) },
        };

    private static KeyDefinition Pool(CabinetSpec cabinet, int slot)
    {
        var key = FleetProvisioning.DefaultKey(cabinet, slot);
        return key with { Name = $"Pool key {slot} of {cabinet.CabinetId}", Policy = key.Policy with { Return = ReturnRule.AnySlotOfCabinet } };
    }

    private static KeyDefinition NeedsApproval(CabinetSpec cabinet, int slot)
    {
        var key = FleetProvisioning.DefaultKey(cabinet, slot);
        return key with { Name = $"Approved-only key {slot} of {cabinet.CabinetId}", Policy = key.Policy with { Approval = Approval } };
    }

    private static KeyDefinition Vehicle(CabinetSpec cabinet, int slot)
    {
        var key = FleetProvisioning.DefaultKey(cabinet, slot);
        return key with { Name = $"Vehicle key {slot} of {cabinet.CabinetId}", Policy = key.Policy with { Questions = VehicleQuestions } };
    }
}
