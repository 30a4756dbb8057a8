using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Console.SignIn;

namespace FleetKeys.Console.Reports;

/// <summary>
/// What a report is asked: a period (local dates of the site, or UTC for every site), a site, a key, a number of days; and what
/// the asking user may read, as its API twin would answer them (a site outside it: no rows).
/// </summary>
public sealed record ReportQuestion(string? SiteId, DateTimeOffset From, DateTimeOffset To, string? KeyId, int Days, DateTimeOffset Now)
{
    public Visibility Visible { get; init; } = Visibility.Everything;
}

/// <summary>A report's answer: its header and its rows, the same for the screen and for the CSV download.</summary>
public sealed record ReportAnswer(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// One of the control room's reports: what it needs asked (<c>Period</c>, <c>Key</c>, <c>Days</c>) and the API route that
/// answers the same rows (<c>Twin</c>), whose permission and scope decide who reads it and which rows.
/// </summary>
public sealed record Report(string Name, string Title, string Description, bool Period, bool Key, bool Days, ApiTwin Twin);

/// <summary>Every report the console offers, each read from the read side through the API's own queries.</summary>
public sealed class ReportCatalog(ReportQueries reports, CustodyQueries custody)
{
    public static readonly IReadOnlyList<Report> All =
    [
        new("keys-out", "Keys out", "Keys held by someone or missing right now.", false, false, false, ApiTwin.Custody),
        new("overdue", "Overdue", "Keys held past their due time now, most overdue first.", false, false, false, ApiTwin.Overdue),
        new("activity", "Activity by person", "Keys each person took and returned in the period, and others' keys they returned.", true, false, false, ApiTwin.Activity),
        new("key-history", "Key history", "Every custody change of one key in the period.", true, true, false, ApiTwin.History),
        new("returned-by-others", "Returned by someone else", "Keys returned by someone other than the person who held them.", true, false, false, ApiTwin.ReturnedByOthers),
        new("access-denied", "Access denied", "Every badge a cabinet refused in the period, with the reason.", true, false, false, ApiTwin.AccessDenied),
        new("unused-badges", "Unused badges", "Badges carried now that no cabinet has seen for the given number of days.", false, false, true, ApiTwin.UnusedBadges),
        new("discrepancies", "Inventory discrepancies",
            "What cabinets' inventories found that was open in the period (a key missing, an unknown tag, a key misplaced), and when and how it ended.",
            true, false, false, ApiTwin.Reconciliation),
        new("faults", "Open faults", "Faults reported against keys and not cleared yet, the most severe first; a critical one keeps its key in.", false, false, false, ApiTwin.Faults),
    ];

    public static Report? Find(string name) => All.FirstOrDefault(r => r.Name == name);

    public async Task<ReportAnswer> Run(Report report, ReportQuestion q, CancellationToken ct) => report.Name switch
    {
        "keys-out" => Keys((await custody.Keys(new KeyFilter(SiteId: q.SiteId, Statuses: CustodyQueries.Away) { Visible = q.Visible }, new Paging(1, Paging.MaxPageSize), ct)).Items, q.Now),
        "overdue" => Keys(await reports.Overdue(q.Now, q.SiteId, q.Visible, ct), q.Now),
        "activity" => new(["person", "takes", "returns", "overdue returns", "returns for others"],
            [.. (await reports.ActivityByPerson(q.From, q.To, q.SiteId, q.Visible, ct)).Select(a => (IReadOnlyList<object?>)[a.PersonId, a.Takes, a.Returns, a.OverdueReturns, a.ReturnsForOthers])]),
        "key-history" => History(q.KeyId is null ? [] : await Collect(custody.AllHistory(new HistoryFilter(q.KeyId, null, null, Ticks.Of(q.From), Ticks.Of(q.To)) { Visible = q.Visible }, ct))),
        "returned-by-others" => History(await reports.ReturnedByOthers(q.From, q.To, q.SiteId, q.Visible, ct)),
        "access-denied" => new(["at", "cabinet", "badge", "person", "reason", "decided offline"],
            [.. (await reports.AccessDenied(q.From, q.To, q.SiteId, q.Visible, ct)).Select(d => (IReadOnlyList<object?>)[d.At, d.CabinetId, d.Badge, d.PersonId, d.Reason, d.Offline])]),
        "unused-badges" => new(["badge", "person", "given", "last seen"],
            [.. (await reports.UnusedBadges(q.Now.AddDays(-q.Days), q.Visible, ct)).Select(b => (IReadOnlyList<object?>)[b.Badge, b.PersonId, b.AddedAt, b.LastUsed])]),
        "discrepancies" => new(["found", "cabinet", "slot", "kind", "tag", "key", "resolved", "how"],
            [.. (await Collect(reports.AllDiscrepancies(new DiscrepancyFilter(DiscrepancyStatusFilter.All, q.SiteId, null, Ticks.Of(q.From), Ticks.Of(q.To)) { Visible = q.Visible }, ct)))
                .Select(l => (IReadOnlyList<object?>)[Ticks.Instant(l.Discrepancy.FoundAt), l.Discrepancy.CabinetId, l.Discrepancy.Slot, l.Discrepancy.Kind,
                    l.Discrepancy.TagId, l.KeyId ?? l.Discrepancy.KeySlotId, Ticks.Instant(l.Discrepancy.ResolvedAt), l.Discrepancy.ResolvedHow])]),
        "faults" => new(["key", "name", "cabinet", "slot", "severity", "description", "reported by", "via", "reported at"],
            [.. (await reports.OpenFaults(q.SiteId, q.Visible, ct)).Select(f => (IReadOnlyList<object?>)[f.KeyId, f.KeyName, f.CabinetId, f.Slot, f.Severity,
                f.Description, f.ReportedBy, f.ReportedVia, Ticks.Instant(f.ReportedAt)])]),
        _ => throw new ArgumentException($"no report {report.Name}"),
    };

    private static ReportAnswer Keys(IEnumerable<CustodyRow> keys, DateTimeOffset now) =>
        new(["key", "name", "group", "criticality", "cabinet", "slot", "status", "holder", "since", "due", "overdue"],
            [.. keys.Select(k => (IReadOnlyList<object?>)[k.KeyId, k.KeyName, k.KeyGroup, k.Criticality, k.CabinetId, k.Slot, k.Status, k.Holder,
                Ticks.Instant(k.Since), Ticks.Instant(k.DueAt), k.DueAt is { } due && due <= now.UtcTicks && k.Status == "Out"])]);

    private static ReportAnswer History(IEnumerable<CustodyHistoryRow> changes) =>
        new(["at", "change", "key", "name", "cabinet", "slot", "person", "returned by", "due", "was overdue", "reason", "released by", "handed from",
                "odometer (km)", "fuel (%)", "damaged", "answered by"],
            [.. changes.Select(h => (IReadOnlyList<object?>)[Ticks.Instant(h.At), h.Kind, h.KeyId, h.KeyName, h.CabinetId, h.Slot, h.PersonId, h.ReturnedBy,
                Ticks.Instant(h.DueAt), h.WasOverdue, h.Reason, h.ReleasedBy, h.HandedFrom, h.OdometerKm, h.FuelPercent, h.Damaged, h.AnsweredBy])]);

    private static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items) list.Add(item);
        return list;
    }
}
