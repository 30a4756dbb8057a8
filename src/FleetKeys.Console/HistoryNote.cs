using System.Globalization;
using FleetKeys.Cluster.Projections.Rows;

namespace FleetKeys.Console;

/// <summary>What a custody change says beyond its kind, person and times, in one line for a history table.</summary>
public static class HistoryNote
{
    public static string Of(CustodyHistoryRow h)
    {
        List<string> parts = [];
        if (h.HandedFrom is not null) parts.Add($"handed from {h.HandedFrom}");
        if (h.ReleasedBy is not null) parts.Add($"released by {h.ReleasedBy}: {h.Reason}");
        else if (h.Kind == "takeReasonGiven") parts.Add($"reason: {h.Reason}");
        if (h.OdometerKm is { } km) parts.Add(string.Create(CultureInfo.InvariantCulture, $"odometer {km} km"));
        if (h.FuelPercent is { } fuel) parts.Add(string.Create(CultureInfo.InvariantCulture, $"fuel {fuel} %"));
        if (h.Damaged is { } damaged) parts.Add(damaged ? "damaged" : "no damage");
        if (h.AnsweredBy is not null) parts.Add($"answered by {h.AnsweredBy}");
        return string.Join("; ", parts);
    }
}
