using FleetKeys.Simulator;
using FleetKeys.Simulator.Fleet;

namespace FleetKeys.Node.Demo;

/// <summary>Section "FleetKeys:Demo"; <c>--demo</c> on the command line turns it on.</summary>
public sealed class DemoSettings
{
    public bool Enabled { get; set; }
    public int Controllers { get; set; } = 3;
    public int CabinetsPerController { get; set; } = 4;
    public int SlotsPerCabinet { get; set; } = 24;

    /// <summary>Every cabinet a mixed one: a stock OSDP reader beside its board, where the people badge (docs/protocol.md, "A mixed bus").</summary>
    public bool StockReaders { get; set; }
    public int People { get; set; } = 40;
    public double VisitsPerSecond { get; set; } = 0.5;
    public TimeSpan HoldTime { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>How often a simulated person puts a key back into another empty slot than its own, as people do.</summary>
    public double WrongSlotChance { get; set; } = 0.05;

    /// <summary>How often a simulated person reports a fault after a return; one of the cabinet's four faults is critical and blocks the key.</summary>
    public double FaultChance { get; set; } = 0.03;

    /// <summary>How often a simulated holder, instead of returning a key, hands it to a colleague at the cabinet.</summary>
    public double HandoverChance { get; set; } = 0.05;

    /// <summary>How soon the short-loan keys (slots 2 and 3 of every cabinet) are due back after the take.</summary>
    public TimeSpan ShortLoan { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the simulated people keep short-loan keys, on average: well past the loan, so they go overdue.</summary>
    public TimeSpan ShortLoanHoldTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the fleet's last cabinet loses mains power (then its battery runs low, power comes back, it recharges).</summary>
    public TimeSpan PowerCutEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The time between the steps of a power cut.</summary>
    public TimeSpan PowerCutStep { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a tag reader of the fleet's first cabinet fails while its key is in, so an inventory finds the key missing.</summary>
    public TimeSpan TagReaderFaultEvery { get; set; } = TimeSpan.FromMinutes(7);

    /// <summary>How long the tag reader stays failed before it works again and the next inventory resolves the discrepancy.</summary>
    public TimeSpan TagReaderFaultStep { get; set; } = TimeSpan.FromMinutes(3);
    /// <summary>How long the simulated approver takes to decide a request for an approved-only key (slot 6 of every cabinet).</summary>
    public TimeSpan ApprovalDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A stock reader takes a bus address of its own, so mixed cabinets fill a bus at half the count.</summary>
    private int MaxCabinetsPerController => StockReaders ? FleetLayout.MaxCabinetsPerController / 2 : FleetLayout.MaxCabinetsPerController;

    /// <summary>What makes this demo impossible to run, named by its setting; null when it can run.</summary>
    public string? Problem() =>
        Controllers < 1 ? "FleetKeys:Demo:Controllers must be at least 1"
        : CabinetsPerController < 1 || CabinetsPerController > MaxCabinetsPerController
            ? $"FleetKeys:Demo:CabinetsPerController must be between 1 and {MaxCabinetsPerController}" + (StockReaders ? " with StockReaders" : "")
        : SlotsPerCabinet is < 1 or > CabinetSpec.MaxSlots
            ? $"FleetKeys:Demo:SlotsPerCabinet must be between 1 and {CabinetSpec.MaxSlots}"
        : People < 1 ? "FleetKeys:Demo:People must be at least 1: the simulated people are the demo's activity"
        : VisitsPerSecond is <= 0 or double.NaN ? "FleetKeys:Demo:VisitsPerSecond must be above 0"
        : FaultChance is < 0 or > 1 or double.NaN ? "FleetKeys:Demo:FaultChance must be between 0 and 1"
        : HandoverChance is < 0 or > 1 or double.NaN ? "FleetKeys:Demo:HandoverChance must be between 0 and 1"
        : null;
}
