using FleetKeys.Cluster.Projections.Rows;
using LinqToDB;

namespace FleetKeys.Cluster.Projections;

/// <summary>
/// Fleet-wide gauges read from the read tables when scraped: every node reports the same figure, so aggregate with max.
/// A database that does not answer yields no measurement rather than a wrong one.
/// </summary>
public sealed class ReadSideMetrics
{
    public ReadSideMetrics(ReadDatabase database)
    {
        FleetKeysMeter.Meter.CreateObservableGauge("fleetkeys.alarms.open",
            () => Measure(database, db => db.GetTable<AlarmRow>().Count(a => a.ClearedAt == null)), description: "Alarms not cleared yet");
        FleetKeysMeter.Meter.CreateObservableGauge("fleetkeys.cabinets.online",
            () => Measure(database, db => db.GetTable<CabinetRow>().Count(c => c.Online)), description: "Cabinets answering their controller");
    }

    private static IEnumerable<System.Diagnostics.Metrics.Measurement<int>> Measure(ReadDatabase database, Func<LinqToDB.Data.DataConnection, int> count)
    {
        int value;
        try
        {
            database.EnsureSchema().GetAwaiter().GetResult();
            using var db = database.Open();
            value = count(db);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            yield break;
        }

        yield return new System.Diagnostics.Metrics.Measurement<int>(value);
    }
}
