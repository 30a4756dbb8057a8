using System.Collections.Concurrent;
using System.Security.Cryptography;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.Retention;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;
using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Security;

/// <summary>
/// The key store of crypto-shredding: random 256-bit data keys per person — their own (their profile) and one per period
/// and site of custody history (<see cref="HistoryPart"/>) — each made the first time something is sealed under
/// it, kept wrapped in the journal's database (<c>person_keys</c>, <c>person_period_keys</c>: a backup of the journal
/// carries the keys it needs and a destruction reaches both). Erasure destroys all of a person's keys, retention the
/// period keys past their site's retention. Every node reads the same tables; a key is kept in memory for <see cref="Kept"/> at most, so a
/// node that cached it before another node destroyed it stops opening with it within that time
/// (docs/architecture.md, "Personal data").
/// </summary>
public sealed class PersonKeys(PersistenceSettings settings, NodeKeys keys, TimeProvider clock)
{
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(1);

    private readonly DataOptions _options = DatabaseConnections.For(settings, settings.ResolveConnectionString());
    private readonly ConcurrentDictionary<(PersonId Person, HistoryPart? Part), Cached> _cache = new();
    private readonly Lock _warming = new();
    private bool _warm;
    private readonly Lazy<bool> _schema = new(() =>
    {
        SchemaCreation.OneNodeAtATime(settings, settings.ResolveConnectionString(), () =>
        {
            using var db = new DataConnection(DatabaseConnections.For(settings, settings.ResolveConnectionString()));
            db.CreateTable<PersonKeyRow>(tableOptions: TableOptions.CreateIfNotExists);
            db.CreateTable<PersonPeriodKeyRow>(tableOptions: TableOptions.CreateIfNotExists);
            return Task.CompletedTask;
        }, CancellationToken.None).GetAwaiter().GetResult();
        return true;
    });

    /// <summary>The key of the person (<paramref name="part"/> null) or of that part of their history; null if none was made or it was destroyed.</summary>
    public byte[]? Find(PersonId person, HistoryPart? part = null) => Lookup(person, part, create: false);

    /// <summary>The key to seal with, made now if there is none; null once it was destroyed (or the person erased).</summary>
    public byte[]? ForSealing(PersonId person, HistoryPart? part = null) => Lookup(person, part, create: true);

    /// <summary>Destroys all of the person's keys for good (rows without a key stay behind, so none is made again).</summary>
    public async Task Erase(PersonId person, CancellationToken cancellationToken)
    {
        _ = _schema.Value;
        // On SQLite the node's connections overwrite what they free (DatabaseConnections), so the wrapped key is not left behind.
        await using var db = Open();
        var at = new DataParameter("at", clock.GetUtcNow());
        await db.ExecuteAsync("""
            INSERT INTO person_keys (person_id, wrapped_key, erased_at) VALUES (@person, NULL, @at)
            ON CONFLICT (person_id) DO UPDATE SET wrapped_key = NULL, erased_at = @at
            """, cancellationToken, new DataParameter("person", person.Value), at);
        await db.GetTable<PersonPeriodKeyRow>().Where(r => r.PersonId == person.Value && r.WrappedKey != null)
            .Set(r => r.WrappedKey, (byte[]?)null).Set(r => r.DestroyedAt, clock.GetUtcNow()).UpdateAsync(cancellationToken);
        Forget(k => k.Person == person);
        _cache.TryAdd((person, null), Cached.Gone);
    }

    /// <summary>
    /// Counts every person's keys past their site's retention (<paramref name="cuts"/>, a look's at one time) still in the
    /// store, marking them in the same statement as counted by <paramref name="look"/> (one statement per cut); answers
    /// how many there are per site and period. Only what a
    /// look counted is destroyed by it (<see cref="DestroyCounted"/>), so a key made between the count and the destruction
    /// (a late fact of an old year) is never destroyed uncounted: it waits for the next look to count it. A look that
    /// counts a key another look counted already takes it over, so a key is destroyed once, by a look that recorded it.
    /// </summary>
    public async Task<IReadOnlyList<CountedKeys>> Count(IReadOnlyList<RetentionCut> cuts, string look, CancellationToken cancellationToken)
    {
        _ = _schema.Value;
        await using var db = Open();
        var own = cuts.Where(c => c.Site is not null).Select(c => c.Site!.Value.Value).ToList();
        foreach (var cut in cuts)
        {
            var firstKept = cut.FirstKept;
            var keys = db.GetTable<PersonPeriodKeyRow>().Where(r => r.Period < firstKept && r.WrappedKey != null);
            keys = cut.Site is { } site ? keys.Where(r => r.SiteId == site.Value) : keys.Where(r => !own.Contains(r.SiteId));
            await keys.Set(r => r.CountedIn, look).UpdateAsync(cancellationToken);
        }

        var counted = await db.GetTable<PersonPeriodKeyRow>().Where(r => r.CountedIn == look && r.WrappedKey != null)
            .GroupBy(r => new { r.SiteId, r.Period }).Select(g => new { g.Key.SiteId, g.Key.Period, Keys = g.Count() }).ToListAsync(cancellationToken);
        return [.. counted.Select(c => new CountedKeys(SiteOf(c.SiteId), c.Period, c.Keys))];
    }

    /// <summary>Destroys, in one statement, the keys <paramref name="look"/> counted and still in the store; answers how many it destroyed.</summary>
    public async Task<int> DestroyCounted(string look, CancellationToken cancellationToken)
    {
        _ = _schema.Value;
        await using var db = Open();
        var destroyed = await db.QueryToListAsync<DestroyedKey>("""
            UPDATE person_period_keys SET wrapped_key = NULL, destroyed_at = @at
            WHERE counted_in = @look AND wrapped_key IS NOT NULL
            RETURNING person_id, period, site_id
            """, cancellationToken, new DataParameter("at", clock.GetUtcNow()), new DataParameter("look", look));
        var gone = destroyed.Select(d => (new PersonId(d.PersonId), (HistoryPart?)new HistoryPart(d.Period, SiteOf(d.SiteId)))).ToHashSet();
        Forget(gone.Contains);
        return destroyed.Count;
    }

    /// <summary>
    /// The destroyed keys stay in this node's memory for sealing only (never for opening): a fact read with one just before
    /// the destruction and written again just after (the audit's row, re-derived) must seal to the text the journal holds.
    /// </summary>
    private void Forget(Func<(PersonId Person, HistoryPart? Part), bool> destroyed)
    {
        // After the warm-up, never during it: a warm-up that read the store before the destruction is forgotten here.
        lock (_warming)
            foreach (var entry in _cache.Where(e => destroyed(e.Key)))
                _cache.AddOrUpdate(entry.Key, Cached.Gone, (_, old) => Cached.Gone with { SealingOnly = old.Key ?? old.SealingOnly });
    }

    private byte[]? Lookup(PersonId person, HistoryPart? part, bool create)
    {
        WarmUp();
        var now = clock.GetUtcNow();
        var at = (person, part);
        if (_cache.TryGetValue(at, out var cached) && (cached.Erased || cached.Until > now)) return create ? cached.Key ?? cached.SealingOnly : cached.Key;
        using var db = Open();
        var wrapped = part is { } p ? ReadPeriodKey(db, person, p, create) : ReadOwnKey(db, person, create);
        if (wrapped is null) return null;
        var found = Keep(at, Opened(at, wrapped.Key, now)
            ?? throw new CryptographicException($"a key of person {person} does not open under this node's master secret"));
        return create ? found.Key ?? found.SealingOnly : found.Key;
    }

    /// <summary>
    /// The first lookup reads the whole store in two queries and keeps every key for <see cref="Kept"/>, as a lookup of
    /// each would: a node's start recovers many entities at once, each opening the sealed fields of its events, and one
    /// synchronous query per person and part on the deserializing threads held up the first grant
    /// (docs/benchmarks.md, finding 15). Later misses read their one key as before; a key that does not open is left to
    /// its own lookup, which refuses it.
    /// </summary>
    private void WarmUp()
    {
        if (Volatile.Read(ref _warm)) return;
        lock (_warming)
        {
            if (_warm) return;
            _ = _schema.Value;
            using var db = Open();
            var now = clock.GetUtcNow();
            var erased = new HashSet<string>();
            foreach (var row in db.GetTable<PersonKeyRow>())
            {
                if (row.WrappedKey is null) erased.Add(row.PersonId);
                KeepOpened((new PersonId(row.PersonId), null), row.WrappedKey, now);
            }

            // As a single read does: an erased person's parts open nothing, whatever their rows hold.
            foreach (var row in db.GetTable<PersonPeriodKeyRow>())
                KeepOpened((new PersonId(row.PersonId), new HistoryPart(row.Period, SiteOf(row.SiteId))),
                    erased.Contains(row.PersonId) ? null : row.WrappedKey, now);
            Volatile.Write(ref _warm, true);
        }
    }

    private void KeepOpened((PersonId Person, HistoryPart? Part) at, byte[]? wrapped, DateTimeOffset now)
    {
        if (Opened(at, wrapped, now) is { } found) Keep(at, found);
    }

    /// <summary>The key unwrapped and kept until <see cref="Kept"/> from now; gone when destroyed; null when it does not open.</summary>
    private Cached? Opened((PersonId Person, HistoryPart? Part) at, byte[]? wrapped, DateTimeOffset now) => wrapped switch
    {
        null => Cached.Gone,
        _ => keys.PersonKeys.TryOpen(wrapped, Context(at.Person, at.Part), out var opened) ? new Cached(opened, false, now + Kept) : null,
    };

    // A lookup that read the row before a destruction on this node must not bring the key back after it.
    private Cached Keep((PersonId Person, HistoryPart? Part) at, Cached found) => _cache.AddOrUpdate(at, found, (_, old) => old.Erased ? old : found);

    private Wrapped? ReadOwnKey(DataConnection db, PersonId person, bool create)
    {
        var row = db.GetTable<PersonKeyRow>().FirstOrDefault(r => r.PersonId == person.Value);
        if (row is null && create)
        {
            db.Execute("INSERT INTO person_keys (person_id, wrapped_key) VALUES (@person, @key) ON CONFLICT (person_id) DO NOTHING",
                new DataParameter("person", person.Value), NewKey(person, null));
            // Another node may have made it first: the stored one is the key.
            row = db.GetTable<PersonKeyRow>().FirstOrDefault(r => r.PersonId == person.Value);
        }

        return row is null ? null : new Wrapped(row.WrappedKey);
    }

    private Wrapped? ReadPeriodKey(DataConnection db, PersonId person, HistoryPart part, bool create)
    {
        // An erased person gets no key of a part of history they had none of yet.
        if (db.GetTable<PersonKeyRow>().Any(r => r.PersonId == person.Value && r.WrappedKey == null)) return new Wrapped(null);
        var (period, site) = (part.Period, part.Site?.Value ?? "");
        var row = db.GetTable<PersonPeriodKeyRow>().FirstOrDefault(r => r.PersonId == person.Value && r.Period == period && r.SiteId == site);
        if (row is null && create)
        {
            db.Execute("""
                INSERT INTO person_period_keys (person_id, period, site_id, wrapped_key) VALUES (@person, @period, @site, @key)
                ON CONFLICT (person_id, period, site_id) DO NOTHING
                """,
                new DataParameter("person", person.Value), new DataParameter("period", period), new DataParameter("site", site), NewKey(person, part));
            row = db.GetTable<PersonPeriodKeyRow>().FirstOrDefault(r => r.PersonId == person.Value && r.Period == period && r.SiteId == site);
        }

        return row is null ? null : new Wrapped(row.WrappedKey);
    }

    private DataParameter NewKey(PersonId person, HistoryPart? part) =>
        new("key", keys.PersonKeys.Seal(RandomNumberGenerator.GetBytes(32), Context(person, part)), DataType.VarBinary);

    private DataConnection Open() => new(_options);

    private static string Context(PersonId person, HistoryPart? part) => part switch
    {
        { Site: { } site } p => $"person-key/{person.Value}/{HistoryPeriod.Text(p.Period)}/{site.Value}",
        { } p => $"person-key/{person.Value}/{HistoryPeriod.Text(p.Period)}",
        null => $"person-key/{person.Value}",
    };

    private static SiteId? SiteOf(string stored) => stored.Length == 0 ? null : new SiteId(stored);

    private sealed record Wrapped(byte[]? Key);

    private sealed class DestroyedKey
    {
        [Column("person_id")] public string PersonId { get; set; } = "";

        [Column("period")] public int Period { get; set; }

        [Column("site_id")] public string SiteId { get; set; } = "";
    }

    private sealed record Cached(byte[]? Key, bool Erased, DateTimeOffset Until, byte[]? SealingOnly = null)
    {
        public static readonly Cached Gone = new(null, true, DateTimeOffset.MaxValue);
    }

    public override string ToString() => "PersonKeys(redacted)";
}
