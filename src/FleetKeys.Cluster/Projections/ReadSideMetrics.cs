using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Linq.Expressions;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.KeySlots;
using LinqToDB;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections;

/// <summary>
/// Fleet-wide gauges read from the read tables when scraped, per site (every registered site, zero included): every
/// node reports the same figures, so aggregate with max. A database that does not answer yields no measurement rather
/// than a wrong one.
/// </summary>
/// <remarks>
/// The instruments exist once per process and ask every live node's read side: a listener takes an instrument by its
/// meter's name, so per-node instruments of one name (nodes sharing a process in tests) would shadow each other, and
/// a stopped node's would linger. A node's figures leave with it (<see cref="Dispose"/>).
/// </remarks>
public sealed class ReadSideMetrics : IDisposable
{
    private static readonly ConcurrentDictionary<ReadSideMetrics, byte> Live = new();

    private readonly ReadDatabase _database;
    private readonly TimeProvider _clock;

    static ReadSideMetrics()
    {
        var meter = FleetKeysMeter.Meter;
        meter.CreateObservableGauge("fleetkeys.alarms.open", () => Each(m => m.Read(db => [new Measurement<int>(db.GetTable<AlarmRow>()
            .Count(a => a.ClearedAt == null))])), description: "Alarms not cleared yet");
        meter.CreateObservableGauge("fleetkeys.cabinets.online", () => Each(m => m.PerSite(db => db.GetTable<CabinetRow>()
            .Where(c => c.Online).GroupBy(c => c.SiteId).Select(g => new SiteCount(g.Key, g.Count())).ToList())),
            description: "Cabinets answering their controller, per site");
        meter.CreateObservableGauge("fleetkeys.keys.out", () => Each(m => m.PerSite(db => OutPerSite(db, _ => true))),
            description: "Keys taken and not returned yet, per site");
        meter.CreateObservableGauge("fleetkeys.keys.overdue", () => Each(m =>
        {
            var now = Ticks.Of(m._clock.GetUtcNow());
            return m.PerSite(db => OutPerSite(db, k => k.DueAt != null && k.DueAt <= now));
        }), description: "Keys out past their due time, per site");
        meter.CreateObservableGauge("fleetkeys.keys.master_out",
            () => Each(m => m.PerSite(db => OutPerSite(db, k => k.Criticality == nameof(Criticality.Master)))),
            description: "Master keys taken and not returned yet, per site");
    }

    public ReadSideMetrics(ReadDatabase database, TimeProvider clock)
    {
        (_database, _clock) = (database, clock);
        Live.TryAdd(this, 0);
    }

    public void Dispose() => Live.TryRemove(this, out _);

    private static IEnumerable<Measurement<int>> Each(Func<ReadSideMetrics, List<Measurement<int>>> measure) =>
        Live.Keys.SelectMany(measure).ToList();

    private sealed record SiteCount(string Site, int Count);

    private static List<SiteCount> OutPerSite(DataConnection db, Expression<Func<CustodyRow, bool>> which) =>
        (from k in db.GetTable<CustodyRow>().Where(k => k.Status == nameof(CustodyStatus.Out)).Where(which)
            join c in db.GetTable<CabinetRow>() on k.CabinetId equals c.CabinetId
            group k by c.SiteId into site
            select new SiteCount(site.Key, site.Count())).ToList();

    /// <summary>One measurement per registered site (zero where nothing was counted), labelled "site".</summary>
    private List<Measurement<int>> PerSite(Func<DataConnection, List<SiteCount>> count) => Read(db =>
    {
        var counted = count(db).ToDictionary(c => c.Site, c => c.Count);
        var sites = db.GetTable<SiteRow>().Select(s => s.SiteId).ToList().Union(counted.Keys);
        return [.. sites.Select(site => new Measurement<int>(counted.GetValueOrDefault(site), new KeyValuePair<string, object?>("site", site)))];
    });

    private List<Measurement<int>> Read(Func<DataConnection, List<Measurement<int>>> measure)
    {
        try
        {
            _database.EnsureSchema().GetAwaiter().GetResult();
            using var db = _database.Open();
            return measure(db);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return [];
        }
    }
}
