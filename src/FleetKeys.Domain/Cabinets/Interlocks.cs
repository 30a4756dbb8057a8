using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Domain.Cabinets;

/// <summary>
/// Keys of one cabinet that must not be out together with their master: the master key cannot leave while any key of
/// the group is away, and no key of the group can leave while the master is away.
/// </summary>
public sealed record InterlockGroup(string Name, int MasterSlot, IReadOnlyList<int> Slots) : IFleetKeysMessage
{
    public const int MaxNameLength = 64;

    public bool Equals(InterlockGroup? other) =>
        other is not null && Name == other.Name && MasterSlot == other.MasterSlot && Slots.SequenceEqual(other.Slots);

    public override int GetHashCode() => Slots.Aggregate(HashCode.Combine(Name, MasterSlot), HashCode.Combine);

    public bool Involves(int slot) => slot == MasterSlot || Slots.Contains(slot);
}

/// <summary>Defines (or redefines) an interlock group of this cabinet's slots.</summary>
public sealed record SetInterlock(CabinetId Cabinet, InterlockGroup Group, DateTimeOffset At, string? By = null) : CabinetCommand(Cabinet, At);

public sealed record RemoveInterlock(CabinetId Cabinet, string Name, DateTimeOffset At, string? By = null) : CabinetCommand(Cabinet, At);

public sealed record InterlockSet(CabinetId Cabinet, InterlockGroup Group, DateTimeOffset At, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? By = null) : CabinetEvent(Cabinet, At);

public sealed record InterlockRemoved(CabinetId Cabinet, string Name, DateTimeOffset At, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? By = null) : CabinetEvent(Cabinet, At);

public static class InterlockRules
{
    /// <summary>A key counts as away from the moment it is released until it is back: a released key may leave at any moment.</summary>
    public static bool IsAway(this SlotSummary? summary) =>
        summary?.Status is CustodyStatus.Released or CustodyStatus.Out or CustodyStatus.Missing;
}
