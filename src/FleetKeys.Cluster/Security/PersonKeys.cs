using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
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
/// period keys past their site's retention. Every node reads the same tables and keeps the keys it opened in memory; it
/// looks for keys destroyed since its last look at most <see cref="LookEvery"/> after it, so a node that holds a key another
/// node destroyed stops opening with it within that time (docs/architecture.md, "Personal data").
/// </summary>
public sealed class PersonKeys(PersistenceSettings settings, NodeKeys keys, TimeProvider clock)
{
    public static readonly TimeSpan LookEvery = TimeSpan.FromMinutes(1);

    // A look reads back this far before the last one: other nodes' clocks, and destructions still committing then.
    private static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(1);

    private static readonly Counter<long> Ahead = FleetKeysMeter.Meter.CreateCounter<long>("fleetkeys.person_keys.prepared",
        unit: "{key}", description: "Person keys read or made before the facts sealed under them were written");

    private static readonly Counter<long> Inline = FleetKeysMeter.Meter.CreateCounter<long>("fleetkeys.person_keys.inline",
        unit: "{key}", description: "Person keys read or made while a fact was being sealed or opened, on the thread that waits for them");

    // When this node last looked for keys other nodes destroyed (UTC ticks); a lookup after LookEvery looks again first.
    private long _lookedAt;
    private readonly Lock _looking = new();

    private readonly DataOptions _options = DatabaseConnections.For(settings, settings.ResolveConnectionString());
    private readonly ConcurrentDictionary<(PersonId Person, HistoryPart? Part), Cached> _cache = new();
    private readonly Lock _warming = new();
    private bool _warm;
    private readonly Lock _batching = new();
    private List<Asked> _next = [];
    private bool _loading;
    private long _inline;
    private long _prepared;

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

    /// <summary>Keys this node read or made ahead of the facts sealed under them (<see cref="Prepare"/>).</summary>
    public long Prepared => Interlocked.Read(ref _prepared);

    /// <summary>Keys this node read or made while sealing or opening a fact (after its first lookup's read of the whole store).</summary>
    public long LoadedInline => Interlocked.Read(ref _inline);

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
        LookForDestroyed();
        var at = (person, part);
        if (AtHand(at) is not { } found)
        {
            Inline.Add(1);
            Interlocked.Increment(ref _inline);
            // On the (de)serializing thread, which waits: rare once entities prepare their keys before they persist.
            found = Load([at], create, CancellationToken.None).GetAwaiter().GetResult().GetValueOrDefault(at);
        }

        return found is null ? null : create ? found.Key ?? found.SealingOnly : found.Key;
    }

    /// <summary>
    /// Reads, or makes, the keys of <paramref name="wanted"/> that are not in memory, off the calling thread, so that
    /// sealing under them later finds them at hand: the journal serializes the events it writes one after another on one
    /// thread, and a key read or made there held up every entity's writes behind it (docs/benchmarks.md, finding 16).
    /// Null when every key is at hand. What is asked while a batch loads goes into the next one, so many first facts
    /// make their keys in one write transaction; a failure is the task's, and leaves the key to the sealing, which tries again.
    /// </summary>
    public Task? Prepare(IReadOnlyCollection<(PersonId Person, HistoryPart? Part)> wanted)
    {
        WarmUp();
        LookForDestroyed();
        var missing = wanted.Where(at => AtHand(at) is null).ToList();
        if (missing.Count == 0) return null;
        Ahead.Add(missing.Count);
        Interlocked.Add(ref _prepared, missing.Count);
        var asked = new Asked(missing, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_batching)
        {
            _next.Add(asked);
            if (_loading) return asked.Done.Task;
            _loading = true;
        }

        _ = Task.Run(LoadBatches);
        return asked.Done.Task;
    }

    private async Task LoadBatches()
    {
        while (true)
        {
            List<Asked> batch;
            lock (_batching)
            {
                if (_next.Count == 0)
                {
                    _loading = false;
                    return;
                }

                (batch, _next) = (_next, []);
            }

            try
            {
                await Load([.. batch.SelectMany(a => a.Keys).Distinct()], create: true, CancellationToken.None);
                foreach (var asked in batch) asked.Done.TrySetResult();
            }
            catch (Exception e)
            {
                foreach (var asked in batch) asked.Done.TrySetException(e);
            }
        }
    }

    private Cached? AtHand((PersonId Person, HistoryPart? Part) at) => _cache.TryGetValue(at, out var cached) ? cached : null;

    /// <summary>
    /// Once <see cref="LookEvery"/> has passed since the last look, the keys erased or destroyed since (less
    /// <see cref="ClockMargin"/>) stop opening here. The keys themselves stay in
    /// memory: expiring them made every person and slot recovered after a minute read its keys again, synchronously, on
    /// the recovery's thread (docs/benchmarks.md, finding 17).
    /// </summary>
    private void LookForDestroyed()
    {
        var now = clock.GetUtcNow();
        if (now.UtcTicks - Volatile.Read(ref _lookedAt) < LookEvery.Ticks) return;
        lock (_looking)
        {
            var last = new DateTimeOffset(Volatile.Read(ref _lookedAt), TimeSpan.Zero);
            if (now - last < LookEvery) return;
            var since = last - ClockMargin;
            using var db = Open();
            var erased = db.GetTable<PersonKeyRow>().Where(r => r.ErasedAt >= since).Select(r => r.PersonId).ToHashSet();
            var destroyed = db.GetTable<PersonPeriodKeyRow>().Where(r => r.DestroyedAt >= since)
                .Select(r => new { r.PersonId, r.Period, r.SiteId }).AsEnumerable()
                .Select(r => (new PersonId(r.PersonId), (HistoryPart?)new HistoryPart(r.Period, SiteOf(r.SiteId)))).ToHashSet();
            // As a lookup after the destruction would find them: gone, not kept for sealing (that is the destroying node's).
            if (erased.Count + destroyed.Count > 0)
                foreach (var entry in _cache.Where(e => !e.Value.Erased && (erased.Contains(e.Key.Person.Value) || destroyed.Contains(e.Key))))
                    _cache.TryUpdate(entry.Key, Cached.Gone, entry.Value);
            Volatile.Write(ref _lookedAt, now.UtcTicks);
        }
    }

    /// <summary>
    /// Reads the keys from the store, makes those missing when <paramref name="create"/> (in one write transaction; another
    /// node may have made one first: the stored one is the key) and keeps each; those the store has none of are left out.
    /// </summary>
    private async Task<Dictionary<(PersonId Person, HistoryPart? Part), Cached>> Load(
        IReadOnlyCollection<(PersonId Person, HistoryPart? Part)> wanted, bool create, CancellationToken cancellationToken)
    {
        _ = _schema.Value;
        await using var db = Open();
        var stored = await Read(db, wanted, cancellationToken);
        var absent = wanted.Where(at => !stored.ContainsKey(at)).ToList();
        if (create && absent.Count > 0)
        {
            await using (var transaction = await db.BeginTransactionAsync(cancellationToken))
            {
                foreach (var at in absent) await Insert(db, at, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            foreach (var (at, key) in await Read(db, absent, cancellationToken)) stored[at] = key;
        }

        return stored.ToDictionary(entry => entry.Key, entry => Keep(entry.Key, Opened(entry.Key, entry.Value)
            ?? throw new CryptographicException($"a key of person {entry.Key.Person} does not open under this node's master secret")));
    }

    /// <summary>The stored (wrapped) keys of <paramref name="wanted"/>, null where destroyed; an erased person's parts are all destroyed.</summary>
    private static async Task<Dictionary<(PersonId Person, HistoryPart? Part), byte[]?>> Read(
        DataConnection db, IReadOnlyCollection<(PersonId Person, HistoryPart? Part)> wanted, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<(PersonId Person, HistoryPart? Part), byte[]?>();
        foreach (var some in wanted.Chunk(200))
        {
            var people = some.Select(at => at.Person.Value).Distinct().ToList();
            var own = (await db.GetTable<PersonKeyRow>().Where(r => people.Contains(r.PersonId)).ToListAsync(cancellationToken))
                .ToDictionary(r => r.PersonId, r => r.WrappedKey);
            var parts = some.Any(at => at.Part is not null)
                ? (await db.GetTable<PersonPeriodKeyRow>().Where(r => people.Contains(r.PersonId)).ToListAsync(cancellationToken))
                    .ToDictionary(r => (r.PersonId, r.Period, r.SiteId), r => r.WrappedKey)
                : [];
            foreach (var at in some)
            {
                var person = at.Person.Value;
                var hasOwn = own.TryGetValue(person, out var ownKey);
                if (at.Part is not { } part)
                {
                    if (hasOwn) stored[at] = ownKey;
                }
                // An erased person gets no key of a part of history they had none of yet, and opens none they had.
                else if (hasOwn && ownKey is null) stored[at] = null;
                else if (parts.TryGetValue((person, part.Period, part.Site?.Value ?? ""), out var partKey)) stored[at] = partKey;
            }
        }

        return stored;
    }

    private Task Insert(DataConnection db, (PersonId Person, HistoryPart? Part) at, CancellationToken cancellationToken) => at.Part switch
    {
        { } part => db.ExecuteAsync("""
            INSERT INTO person_period_keys (person_id, period, site_id, wrapped_key) VALUES (@person, @period, @site, @key)
            ON CONFLICT (person_id, period, site_id) DO NOTHING
            """, cancellationToken, new DataParameter("person", at.Person.Value), new DataParameter("period", part.Period),
            new DataParameter("site", part.Site?.Value ?? ""), NewKey(at.Person, part)),
        null => db.ExecuteAsync("INSERT INTO person_keys (person_id, wrapped_key) VALUES (@person, @key) ON CONFLICT (person_id) DO NOTHING",
            cancellationToken, new DataParameter("person", at.Person.Value), NewKey(at.Person, null)),
    };

    /// <summary>
    /// The first lookup reads the whole store in two queries and keeps every key, as a lookup of each would: a node's
    /// start recovers many entities at once, each opening the sealed fields of its events, and one synchronous query per
    /// person and part on the deserializing threads held up the first grant
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
            // What is destroyed from now on is found by the next look; what was destroyed before is read as gone below.
            Volatile.Write(ref _lookedAt, clock.GetUtcNow().UtcTicks);
            var erased = new HashSet<string>();
            foreach (var row in db.GetTable<PersonKeyRow>())
            {
                if (row.WrappedKey is null) erased.Add(row.PersonId);
                KeepOpened((new PersonId(row.PersonId), null), row.WrappedKey);
            }

            // As a single read does: an erased person's parts open nothing, whatever their rows hold.
            foreach (var row in db.GetTable<PersonPeriodKeyRow>())
                KeepOpened((new PersonId(row.PersonId), new HistoryPart(row.Period, SiteOf(row.SiteId))),
                    erased.Contains(row.PersonId) ? null : row.WrappedKey);
            Volatile.Write(ref _warm, true);
        }
    }

    private void KeepOpened((PersonId Person, HistoryPart? Part) at, byte[]? wrapped)
    {
        if (Opened(at, wrapped) is { } found) Keep(at, found);
    }

    /// <summary>The key unwrapped; gone when destroyed; null when it does not open.</summary>
    private Cached? Opened((PersonId Person, HistoryPart? Part) at, byte[]? wrapped) => wrapped switch
    {
        null => Cached.Gone,
        _ => keys.PersonKeys.TryOpen(wrapped, Context(at.Person, at.Part), out var opened) ? new Cached(opened, false) : null,
    };

    // A lookup that read the row before a destruction on this node must not bring the key back after it.
    private Cached Keep((PersonId Person, HistoryPart? Part) at, Cached found) => _cache.AddOrUpdate(at, found, (_, old) => old.Erased ? old : found);

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

    private sealed record Asked(IReadOnlyList<(PersonId Person, HistoryPart? Part)> Keys, TaskCompletionSource Done);

    private sealed class DestroyedKey
    {
        [Column("person_id")] public string PersonId { get; set; } = "";

        [Column("period")] public int Period { get; set; }

        [Column("site_id")] public string SiteId { get; set; } = "";
    }

    private sealed record Cached(byte[]? Key, bool Erased, byte[]? SealingOnly = null)
    {
        public static readonly Cached Gone = new(null, true);
    }

    public override string ToString() => "PersonKeys(redacted)";
}
