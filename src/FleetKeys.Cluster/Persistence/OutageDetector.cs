namespace FleetKeys.Cluster.Persistence;

/// <summary>
/// Turns ping results into reachability: <paramref name="FailuresForOutage"/> failures in a row make an outage, so one
/// slow moment on a busy machine does not send every controller offline; one answer ends it.
/// </summary>
public sealed record OutageDetector(int FailuresForOutage, int FailuresInARow = 0, bool Reachable = true)
{
    /// <summary>The detector after one more ping, and whether that ping changed reachability.</summary>
    public (OutageDetector Next, bool Changed) Observe(bool answered)
    {
        var failures = answered ? 0 : FailuresInARow + 1;
        var reachable = failures < FailuresForOutage;
        return (this with { FailuresInARow = failures, Reachable = reachable }, reachable != Reachable);
    }
}
