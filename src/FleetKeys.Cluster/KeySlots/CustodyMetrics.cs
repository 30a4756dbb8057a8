using System.Diagnostics.Metrics;

namespace FleetKeys.Cluster.KeySlots;

/// <summary>Custody transactions as they are persisted (live, never on replay), counted on the node that persisted them.</summary>
public static class CustodyMetrics
{
    public static readonly Counter<long> Transactions =
        FleetKeysMeter.Meter.CreateCounter<long>("fleetkeys.custody.transactions", description: "Keys taken and returned, as persisted");
}
