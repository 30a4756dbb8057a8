namespace FleetKeys.Node.Demo;

/// <summary>Section "FleetKeys:Demo"; <c>--demo</c> on the command line turns it on.</summary>
public sealed class DemoSettings
{
    public bool Enabled { get; set; }
    public int Controllers { get; set; } = 3;
    public int CabinetsPerController { get; set; } = 4;
    public int SlotsPerCabinet { get; set; } = 24;
    public int People { get; set; } = 40;
    public double VisitsPerSecond { get; set; } = 0.5;
    public TimeSpan HoldTime { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How often a simulated person puts a key back into another empty slot than its own, as people do.</summary>
    public double WrongSlotChance { get; set; } = 0.05;

    /// <summary>How soon the short-loan keys (slots 2 and 3 of every cabinet) are due back after the take.</summary>
    public TimeSpan ShortLoan { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the simulated people keep short-loan keys, on average: well past the loan, so they go overdue.</summary>
    public TimeSpan ShortLoanHoldTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the fleet's last cabinet loses mains power (then its battery runs low, power comes back, it recharges).</summary>
    public TimeSpan PowerCutEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The time between the steps of a power cut.</summary>
    public TimeSpan PowerCutStep { get; set; } = TimeSpan.FromMinutes(1);
}
