namespace FleetKeys.Simulator.Activity;

/// <summary>
/// What the script has done so far: visits started, keys taken, keys returned (of those, to a
/// slot that is not their own), visits given up because the slot was never released, and visits
/// still under way; and faults reported on return.
/// </summary>
public sealed record ActivityStats(int Started, int Taken, int Returned, int ReturnedToWrongSlot, int Abandoned, int InProgress)
{
    public int FaultsReported { get; init; }

    /// <summary>Keys handed by their holder to a colleague at a cabinet (each may still be refused there).</summary>
    public int HandedOver { get; init; }
}
