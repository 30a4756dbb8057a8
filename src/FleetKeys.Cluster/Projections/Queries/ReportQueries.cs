using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Projections.Queries;

public sealed record HeldByInactive(CustodyRow Key, PersonRow Person);

public sealed record GroupUsage(string Group, int Takes, int People, int OverdueReturns, int ForcedRemovals, int RemoteReleases);

/// <summary>What one person did with keys in a period: keys taken, their own returned (late ones counted apart), others' returned.</summary>
public sealed record PersonActivity(string PersonId, int Takes, int Returns, int OverdueReturns, int ReturnsForOthers);

/// <summary>A refused badge, from the audit log: who (when the badge is known), where, and the reason the cabinet gave.</summary>
public sealed record AccessDenial(DateTimeOffset At, string CabinetId, string Badge, string? PersonId, string Reason, bool Offline);

/// <summary>A badge a person carries that no cabinet has seen since <c>LastUsed</c> (null: never).</summary>
public sealed record UnusedBadge(string Badge, string PersonId, DateTimeOffset AddedAt, DateTimeOffset? LastUsed);

/// <summary>The control room's standing questions, answered from the read tables; "now" is the caller's clock.</summary>
public sealed partial class ReportQueries(ReadDatabase database, Akka.Actor.ActorSystem system)
{
    /// <summary>The keys overdue at <paramref name="now"/> that <paramref name="visible"/> shows.</summary>
    public Task<List<CustodyRow>> Overdue(DateTimeOffset now, Visibility visible, CancellationToken cancellationToken) =>
        Overdue(now, null, visible, cancellationToken);

    public Task<List<CustodyRow>> Overdue(DateTimeOffset now, string? siteId, CancellationToken cancellationToken) =>
        Overdue(now, siteId, Visibility.Everything, cancellationToken);

    /// <summary>The keys overdue at <paramref name="now"/> at the site (every site: null) that <paramref name="visible"/> shows.</summary>
    public Task<List<CustodyRow>> Overdue(DateTimeOffset now, string? siteId, Visibility visible, CancellationToken cancellationToken)
    {
        var at = Ticks.Of(now);
        return database.Query((db, ct) => db.GetTable<CustodyRow>().Visible(db, visible)
            .Where(k => k.Status == nameof(CustodyStatus.Out) && k.DueAt != null && k.DueAt <= at)
            .Where(k => siteId == null || db.GetTable<CabinetRow>().Any(c => c.CabinetId == k.CabinetId && c.SiteId == siteId))
            .OrderBy(k => k.DueAt).ToListAsync(ct), cancellationToken);
    }

    public Task<List<HeldByInactive>> HeldByInactivePeople(Visibility visible, CancellationToken cancellationToken) =>
        database.Query((db, ct) => (
                from k in db.GetTable<CustodyRow>().Visible(db, visible)
                join p in db.GetTable<PersonRow>() on k.Holder equals p.PersonId
                where k.Status == nameof(CustodyStatus.Out) && p.Status != nameof(PersonStatus.Active)
                orderby k.Since
                select new HeldByInactive(k, p))
            .ToListAsync(ct), cancellationToken);

    /// <summary>Faults reported against keys and not cleared yet, the most severe first and then the oldest.</summary>
    public Task<List<FaultRow>> OpenFaults(string? siteId, Visibility visible, CancellationToken cancellationToken) =>
        database.Query((db, ct) => db.GetTable<FaultRow>().VisibleSlots(db, visible)
            .Where(f => f.ClearedAt == null)
            .Where(f => siteId == null || db.GetTable<CabinetRow>().Any(c => c.CabinetId == f.CabinetId && c.SiteId == siteId))
            .OrderBy(f => f.Severity == nameof(FaultSeverity.Critical) ? 0 : f.Severity == nameof(FaultSeverity.Major) ? 1 : 2)
            .ThenBy(f => f.ReportedAt).ToListAsync(ct), cancellationToken);

    /// <summary>Keys away from their slot (held or missing) since before <paramref name="before"/>, longest away first.</summary>
    public Task<List<CustodyRow>> NotReturned(DateTimeOffset before, Visibility visible, CancellationToken cancellationToken) =>
        NotReturned(before, null, visible, cancellationToken);

    public Task<List<CustodyRow>> NotReturned(DateTimeOffset before, string? siteId, CancellationToken cancellationToken) =>
        NotReturned(before, siteId, Visibility.Everything, cancellationToken);

    private Task<List<CustodyRow>> NotReturned(DateTimeOffset before, string? siteId, Visibility visible, CancellationToken cancellationToken)
    {
        var at = Ticks.Of(before);
        return database.Query((db, ct) => db.GetTable<CustodyRow>().Visible(db, visible)
            .Where(k => CustodyQueries.Away.Contains(k.Status) && k.Since != null && k.Since <= at)
            .Where(k => siteId == null || db.GetTable<CabinetRow>().Any(c => c.CabinetId == k.CabinetId && c.SiteId == siteId))
            .OrderBy(k => k.Since).ToListAsync(ct), cancellationToken);
    }

    public Task<List<GroupUsage>> UsagePerGroup(DateTimeOffset from, DateTimeOffset to, Visibility visible, CancellationToken cancellationToken)
    {
        var (start, end) = (Ticks.Of(from), Ticks.Of(to));
        return database.Query((db, ct) => db.GetTable<CustodyHistoryRow>().Visible(db, visible)
            .Where(h => h.At >= start && h.At < end)
            .GroupBy(h => h.KeyGroup).OrderBy(g => g.Key)
            .Select(g => new GroupUsage(g.Key,
                g.Count(h => h.Kind == "taken"),
                g.Where(h => h.Kind == "taken").Select(h => h.PersonId).Distinct().Count(),
                g.Count(h => h.Kind == "returned" && h.WasOverdue),
                g.Count(h => h.Kind == "forciblyRemoved"),
                g.Count(h => h.Kind == "remoteReleased")))
            .ToListAsync(ct), cancellationToken);
    }

    /// <summary>What people did with the keys <paramref name="visible"/> shows (a scoped caller counts only those).</summary>
    public Task<List<PersonActivity>> ActivityByPerson(DateTimeOffset from, DateTimeOffset to, string? siteId, Visibility visible,
        CancellationToken cancellationToken)
    {
        var (start, end) = (Ticks.Of(from), Ticks.Of(to));
        return database.Query(async (db, ct) =>
        {
            var changes = InPeriod(db, start, end, siteId).Visible(db, visible);
            var own = await changes.Where(h => h.PersonId != null && (h.Kind == "taken" || h.Kind == "returned"))
                .GroupBy(h => h.PersonId!)
                .Select(g => new
                {
                    Person = g.Key,
                    Takes = g.Count(h => h.Kind == "taken"),
                    Returns = g.Count(h => h.Kind == "returned" && (h.ReturnedBy == null || h.ReturnedBy == h.PersonId)),
                    Late = g.Count(h => h.Kind == "returned" && h.WasOverdue && (h.ReturnedBy == null || h.ReturnedBy == h.PersonId)),
                }).ToListAsync(ct);
            var forOthers = await changes.Where(h => h.Kind == "returned" && h.ReturnedBy != null && h.ReturnedBy != h.PersonId)
                .GroupBy(h => h.ReturnedBy!).Select(g => new { Person = g.Key, Count = g.Count() }).ToListAsync(ct);
            return own.Select(o => o.Person).Union(forOthers.Select(o => o.Person)).Order(StringComparer.Ordinal)
                .Select(p =>
                {
                    var mine = own.FirstOrDefault(o => o.Person == p);
                    return new PersonActivity(p, mine?.Takes ?? 0, mine?.Returns ?? 0, mine?.Late ?? 0,
                        forOthers.FirstOrDefault(o => o.Person == p)?.Count ?? 0);
                }).ToList();
        }, cancellationToken);
    }

    /// <summary>Returns made by someone other than the person who held the key, in journal order.</summary>
    public Task<List<CustodyHistoryRow>> ReturnedByOthers(DateTimeOffset from, DateTimeOffset to, string? siteId, CancellationToken cancellationToken) =>
        ReturnedByOthers(from, to, siteId, Visibility.Everything, cancellationToken);

    public Task<List<CustodyHistoryRow>> ReturnedByOthers(
        DateTimeOffset from, DateTimeOffset to, string? siteId, Visibility visible, CancellationToken cancellationToken)
    {
        var (start, end) = (Ticks.Of(from), Ticks.Of(to));
        return database.Query((db, ct) => InPeriod(db, start, end, siteId).Visible(db, visible)
            .Where(h => h.Kind == "returned" && h.ReturnedBy != null && h.ReturnedBy != h.PersonId)
            .OrderBy(h => h.Ordering).ToListAsync(ct), cancellationToken);
    }

    /// <summary>Every refused badge in the period, from the audit log (the alarms fold repeats of one cause into one).</summary>
    /// <summary>A refusal names no key, so a scoped caller sees those at the cabinets of its sites.</summary>
    public async Task<List<AccessDenial>> AccessDenied(DateTimeOffset from, DateTimeOffset to, string? siteId, Visibility visible,
        CancellationToken cancellationToken)
    {
        var cabinets = siteId is null && visible.All ? null : await CabinetsOf(siteId, visible, cancellationToken);
        return [.. (await Audited<Domain.Cabinets.AccessDenied>(cancellationToken, from, to))
            .Where(e => e.At >= from && e.At < to && (cabinets is null || cabinets.Contains(e.Cabinet.Value)))
            .OrderBy(e => e.At)
            .Select(e => new AccessDenial(e.At, e.Cabinet.Value, e.Badge.Value, e.Person?.Value, e.Reason.ToString(), e.Source is not null))];
    }

    /// <summary>
    /// Badges carried now that no cabinet has seen (a session opened or a refusal) since <paramref name="since"/>: candidates
    /// to take back. Read from the audit log, where every badge given, taken back and presented is recorded.
    /// </summary>
    public async Task<List<UnusedBadge>> UnusedBadges(DateTimeOffset since, Visibility visible, CancellationToken cancellationToken)
    {
        var people = visible.All ? null : await database.Query(async (db, ct) =>
            (await db.GetTable<PersonRow>().Visible(db, visible).Select(p => p.PersonId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal), cancellationToken);
        return
        [
            .. (await CarriedBadges(cancellationToken))
                .Where(b => (b.LastUsed ?? DateTimeOffset.MinValue) < since && b.AddedAt < since && (people is null || people.Contains(b.PersonId)))
                .OrderBy(b => b.LastUsed ?? DateTimeOffset.MinValue).ThenBy(b => b.Badge, StringComparer.Ordinal),
        ];
    }

    /// <summary>
    /// Every badge carried now, with when it was given and when a cabinet last saw it: a session, a refusal, or an admission
    /// a controller decided offline.
    /// </summary>
    public async Task<List<UnusedBadge>> CarriedBadges(CancellationToken cancellationToken)
    {
        var carried = new Dictionary<string, (string Person, DateTimeOffset AddedAt)>(StringComparer.Ordinal);
        foreach (var e in await Audited<Domain.People.PersonEvent>(cancellationToken, null, null, typeof(Domain.People.BadgeAdded),
                     typeof(Domain.People.BadgeRemoved)))
        {
            if (e is Domain.People.BadgeAdded added) carried[added.Badge.Value] = (added.Person.Value, added.At);
            else if (e is Domain.People.BadgeRemoved removed && carried.TryGetValue(removed.Badge.Value, out var held) && held.Person == removed.Person.Value)
                carried.Remove(removed.Badge.Value);
        }

        var lastUsed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var e in await Audited<Domain.Cabinets.CabinetEvent>(cancellationToken, null, null, typeof(Domain.Cabinets.CabinetSessionOpened),
                     typeof(Domain.Cabinets.AccessDenied), typeof(Domain.Cabinets.OfflineAccessGranted)))
        {
            var badge = e switch
            {
                Domain.Cabinets.CabinetSessionOpened opened => opened.Badge.Value,
                Domain.Cabinets.AccessDenied denied => denied.Badge.Value,
                Domain.Cabinets.OfflineAccessGranted granted => granted.Badge.Value,
                _ => null,
            };
            if (badge is not null && (!lastUsed.TryGetValue(badge, out var seen) || seen < e.At)) lastUsed[badge] = e.At;
        }

        return [.. carried.Select(b => new UnusedBadge(b.Key, b.Value.Person, b.Value.AddedAt, lastUsed.TryGetValue(b.Key, out var used) ? used : null))];
    }

    private static IQueryable<CustodyHistoryRow> InPeriod(LinqToDB.Data.DataConnection db, long start, long end, string? siteId) =>
        db.GetTable<CustodyHistoryRow>().Where(h => h.At >= start && h.At < end)
            .Where(h => siteId == null || db.GetTable<CabinetRow>().Any(c => c.CabinetId == h.CabinetId && c.SiteId == siteId));

    private Task<HashSet<string>> CabinetsOf(string? siteId, Visibility visible, CancellationToken cancellationToken) =>
        database.Query(async (db, ct) => (await db.GetTable<CabinetRow>().Visible(visible).Where(c => siteId == null || c.SiteId == siteId)
                .Select(c => c.CabinetId).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal), cancellationToken);

    /// <summary>
    /// Audited events of the named types (by default <typeparamref name="T"/>'s own), read back as the events they record.
    /// The log's recording time stands in for the event's own, a day either way, to bound the read (uploads arrive late).
    /// </summary>
    private Task<List<T>> Audited<T>(CancellationToken cancellationToken, DateTimeOffset? from, DateTimeOffset? to, params Type[] types)
    {
        string[] manifests = [.. (types.Length == 0 ? [typeof(T)] : types).Select(MessageTypes.ManifestOf)];
        long? start = from is { } f ? Ticks.Of(f - TimeSpan.FromDays(1)) : null;
        long? end = to is { } t ? Ticks.Of(t + TimeSpan.FromDays(1)) : null;
        return database.Query(async (db, ct) => (await db.GetTable<AuditRow>()
                .Where(r => manifests.Contains(r.EventType) && (start == null || r.RecordedAt >= start) && (end == null || r.RecordedAt < end))
                .OrderBy(r => r.Seq).Select(r => new { r.EventType, r.Payload }).ToListAsync(ct))
            .Select(r => (T)StoredJson.Of(system).Read(r.Payload, MessageTypes.TypeOf(r.EventType))!)
            .ToList(), cancellationToken);
    }
}
