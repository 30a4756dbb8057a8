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
}
