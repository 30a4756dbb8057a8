using System.Text;
using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Queries;

namespace FleetKeys.Cluster.Reports;

/// <summary>What one mailed report covers: one site or the fleet (null), and the period since the last one.</summary>
public sealed record ReportScope(string? SiteId, DateTimeOffset From, DateTimeOffset To);

/// <summary>A report a mailbox can subscribe to: its name in the API, the CSV's header, and its rows for a scope.</summary>
public sealed record ReportKind(
    string Name, IReadOnlyList<string> Header, Func<ReportQueries, ReportScope, CancellationToken, Task<IEnumerable<object?[]>>> Rows)
{
    /// <summary>The report as CSV text, header first.</summary>
    public async Task<string> Csv(ReportQueries queries, ReportScope scope, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder(CsvText.Line(Header));
        foreach (var row in await Rows(queries, scope, cancellationToken)) csv.Append(CsvText.Line(row));
        return csv.ToString();
    }
}

/// <summary>
/// The reports that can be mailed on a schedule, one entry per kind: a new report (faults) is one entry
/// here, and the API, the subscriptions and the mailer know it from that.
/// </summary>
public static class ReportCatalog
{
    /// <summary>A badge counts as unused in the mailed report after this many days without a cabinet seeing it.</summary>
    public const int UnusedBadgeDays = 90;

    private static readonly string[] KeyHeader = ["keyId", "keyName", "keyGroup", "cabinetId", "slot", "status", "holder", "since", "dueAt"];

    public static readonly IReadOnlyList<ReportKind> Kinds =
    [
        new("keysOut", KeyHeader, async (q, s, ct) => (await q.NotReturned(s.To, s.SiteId, ct)).Select(KeyFields)),
        new("overdue", KeyHeader, async (q, s, ct) => (await q.Overdue(s.To, s.SiteId, ct)).Select(KeyFields)),
        new("activity", ["personId", "takes", "returns", "overdueReturns", "returnsForOthers", "from", "to"],
            async (q, s, ct) => (await q.ActivityByPerson(s.From, s.To, s.SiteId, Visibility.Everything, ct))
                .Select(a => new object?[] { a.PersonId, a.Takes, a.Returns, a.OverdueReturns, a.ReturnsForOthers, s.From, s.To })),
        // Badges belong to people, not sites: the report is the fleet's whatever the scope.
        new("unusedBadges", ["badge", "personId", "addedAt", "lastUsed"],
            async (q, s, ct) => (await q.UnusedBadges(s.To.AddDays(-UnusedBadgeDays), Visibility.Everything, ct))
                .Select(b => new object?[] { b.Badge, b.PersonId, b.AddedAt, b.LastUsed })),
        // What is open when the report is made, however long ago it arose: the control room's to-do list, not a log.
        new("discrepancies", ListedDiscrepancy.Header,
            async (q, s, ct) =>
            {
                var rows = new List<object?[]>();
                await foreach (var d in q.AllDiscrepancies(new DiscrepancyFilter(DiscrepancyStatusFilter.Open, s.SiteId), ct)) rows.Add(d.Fields());
                return rows;
            }),
        // Open faults are a standing list, not a period's: every one still open when the report is made.
        new("faults", ["faultId", "keyId", "keyName", "cabinetId", "slot", "severity", "description", "reportedBy", "reportedVia", "reportedAt"],
            async (q, s, ct) => (await q.OpenFaults(s.SiteId, Visibility.Everything, ct)).Select(f => new object?[]
                { f.FaultId, f.KeyId, f.KeyName, f.CabinetId, f.Slot, f.Severity, f.Description, f.ReportedBy, f.ReportedVia, Ticks.Instant(f.ReportedAt) })),
    ];

    public static ReportKind? Find(string? name) => Kinds.FirstOrDefault(k => k.Name == name);

    private static object?[] KeyFields(Projections.Rows.CustodyRow k) =>
        [k.KeyId, k.KeyName, k.KeyGroup, k.CabinetId, k.Slot, k.Status, k.Holder, Ticks.Instant(k.Since), Ticks.Instant(k.DueAt)];
}
