namespace FleetKeys.Simulator.Activity;

/// <summary>How busy the simulated people are. All times are on the script's TimeProvider.</summary>
public sealed record ActivityOptions
{
    /// <summary>New visits started per second across the fleet; the script also looks at every visit under way this often.</summary>
    public double VisitsPerSecond { get; init; } = 1;

    /// <summary>Visits in all, after which the script ends once every key taken is back.</summary>
    public int MaxVisits { get; init; } = 1_000;

    /// <summary>How long a key is kept, on average; each visit draws between half and one and a half times this.</summary>
    public TimeSpan HoldTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the keys of particular slots are kept instead of <see cref="HoldTime"/>, on average: the keys people tend to
    /// keep too long.
    /// </summary>
    public IReadOnlyDictionary<byte, TimeSpan> HoldTimeOfSlot { get; init; } = new Dictionary<byte, TimeSpan>();

    /// <summary>How long someone waits for the slot to be released before walking away without the key.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The chance that a key goes back into another empty slot than its own.</summary>
    public double WrongSlotChance { get; init; } = 0.05;

    /// <summary>
    /// The chance that someone reports a fault after returning a key, chosen from the cabinet's list
    /// (<see cref="SimulatedCabinet.FaultList"/>: one line in four is critical). None by default.
    /// </summary>
    public double FaultChance { get; init; }

    /// <summary>
    /// The chance that a holder, when their hold time is up, hands the key to an idle colleague at the key's cabinet (badge,
    /// choose the key they hold, the colleague badges) instead of returning it; the colleague then keeps it for a hold time.
    /// None by default.
    /// </summary>
    public double HandoverChance { get; init; }

    /// <summary>Seeds the choices of person, cabinet, key, hold time and slot, so a run can be repeated.</summary>
    public int Seed { get; init; } = 1;
}
