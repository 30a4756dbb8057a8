using System.Collections.Concurrent;
using System.Security.Cryptography;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Domain.Ids;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;
using LinqToDB.Mapping;

namespace FleetKeys.Cluster.Security;

/// <summary>
/// The key store of crypto-shredding: random 256-bit data keys per person — their own (their profile) and one per period
/// of custody history (<see cref="Domain.Retention.HistoryPeriod"/>) — each made the first time something is sealed under
/// it, kept wrapped in the journal's database (<c>person_keys</c>, <c>person_period_keys</c>: a backup of the journal
/// carries the keys it needs and a destruction reaches both). Erasure destroys all of a person's keys, retention the
/// period keys past it. Every node reads the same tables; a key is kept in memory for <see cref="Kept"/> at most, so a
/// node that cached it before another node destroyed it stops opening with it within that time
/// (docs/architecture.md, "Personal data").
/// </summary>
public sealed class PersonKeys(PersistenceSettings settings, NodeKeys keys, TimeProvider clock)
{
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(1);

    private readonly DataOptions _options = DatabaseConnections.For(settings, settings.ResolveConnectionString());
    private readonly ConcurrentDictionary<(PersonId Person, int? Period), Cached> _cache = new();
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

    /// <summary>The key of the person (<paramref name="period"/> null) or of their period; null if none was made or it was destroyed.</summary>
    public byte[]? Find(PersonId person, int? period = null) => Lookup(person, period, create: false);

    /// <summary>The key to seal with, made now if there is none; null once it was destroyed (or the person erased).</summary>
    public byte[]? ForSealing(PersonId person, int? period = null) => Lookup(person, period, create: true);

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
    /// Counts every person's keys of the periods before <paramref name="firstKept"/> still in the store, marking them in
    /// the same statement as counted by <paramref name="look"/>; answers their periods and how many there are. Only what a
    /// look counted is destroyed by it (<see cref="DestroyCounted"/>), so a key made between the count and the destruction
    /// (a late fact of an old year) is never destroyed uncounted: it waits for the next look to count it. A look that
    /// counts a key another look counted already takes it over, so a key is destroyed once, by a look that recorded it.
    /// </summary>
    public async Task<(IReadOnlyList<int> Periods, int Keys)> Count(int firstKept, string look, CancellationToken cancellationToken)
    {
        _ = _schema.Value;
        await using var db = Open();
        var counted = await db.GetTable<PersonPeriodKeyRow>().Where(r => r.Period < firstKept && r.WrappedKey != null)
            .Set(r => r.CountedIn, look).UpdateAsync(cancellationToken);
        var periods = await db.GetTable<PersonPeriodKeyRow>().Where(r => r.CountedIn == look).Select(r => r.Period).Distinct().ToListAsync(cancellationToken);
        return ([.. periods.Order()], counted);
    }

    /// <summary>Destroys, in one statement, the keys <paramref name="look"/> counted and still in the store; answers how many it destroyed.</summary>
    public async Task<int> DestroyCounted(string look, CancellationToken cancellationToken)
    {
        _ = _schema.Value;
        await using var db = Open();
        var destroyed = await db.QueryToListAsync<DestroyedKey>("""
            UPDATE person_period_keys SET wrapped_key = NULL, destroyed_at = @at
            WHERE counted_in = @look AND wrapped_key IS NOT NULL
            RETURNING person_id, period
            """, cancellationToken, new DataParameter("at", clock.GetUtcNow()), new DataParameter("look", look));
        var gone = destroyed.Select(d => (new PersonId(d.PersonId), (int?)d.Period)).ToHashSet();
        Forget(gone.Contains);
        return destroyed.Count;
    }

    /// <summary>
    /// The destroyed keys stay in this node's memory for sealing only (never for opening): a fact read with one just before
    /// the destruction and written again just after (the audit's row, re-derived) must seal to the text the journal holds.
    /// </summary>
    private void Forget(Func<(PersonId Person, int? Period), bool> destroyed)
    {
        foreach (var entry in _cache.Where(e => destroyed(e.Key)))
            _cache.AddOrUpdate(entry.Key, Cached.Gone, (_, old) => Cached.Gone with { SealingOnly = old.Key ?? old.SealingOnly });
    }

    private byte[]? Lookup(PersonId person, int? period, bool create)
    {
        var now = clock.GetUtcNow();
        var at = (person, period);
        if (_cache.TryGetValue(at, out var cached) && (cached.Erased || cached.Until > now)) return create ? cached.Key ?? cached.SealingOnly : cached.Key;
        _ = _schema.Value;
        using var db = Open();
        var wrapped = period is { } p ? ReadPeriodKey(db, person, p, create) : ReadOwnKey(db, person, create);
        Cached? found = wrapped switch
        {
            null => null,
            { Key: null } => Cached.Gone,
            { Key: { } key } => keys.PersonKeys.TryOpen(key, Context(person, period), out var opened)
                ? new Cached(opened, false, now + Kept)
                : throw new CryptographicException($"a key of person {person} does not open under this node's master secret"),
        };
        if (found is null) return null;
        // A lookup that read the row before a destruction on this node must not bring the key back after it.
        found = _cache.AddOrUpdate(at, found, (_, old) => old.Erased ? old : found);
        return create ? found.Key ?? found.SealingOnly : found.Key;
    }

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

    private Wrapped? ReadPeriodKey(DataConnection db, PersonId person, int period, bool create)
    {
        // An erased person gets no key of a period they had none of yet.
        if (db.GetTable<PersonKeyRow>().Any(r => r.PersonId == person.Value && r.WrappedKey == null)) return new Wrapped(null);
        var row = db.GetTable<PersonPeriodKeyRow>().FirstOrDefault(r => r.PersonId == person.Value && r.Period == period);
        if (row is null && create)
        {
            db.Execute("INSERT INTO person_period_keys (person_id, period, wrapped_key) VALUES (@person, @period, @key) ON CONFLICT (person_id, period) DO NOTHING",
                new DataParameter("person", person.Value), new DataParameter("period", period), NewKey(person, period));
            row = db.GetTable<PersonPeriodKeyRow>().FirstOrDefault(r => r.PersonId == person.Value && r.Period == period);
        }

        return row is null ? null : new Wrapped(row.WrappedKey);
    }

    private DataParameter NewKey(PersonId person, int? period) =>
        new("key", keys.PersonKeys.Seal(RandomNumberGenerator.GetBytes(32), Context(person, period)), DataType.VarBinary);

    private DataConnection Open() => new(_options);

    private static string Context(PersonId person, int? period) => period is { } p ? $"person-key/{person.Value}/{p}" : $"person-key/{person.Value}";

    private sealed record Wrapped(byte[]? Key);

    private sealed class DestroyedKey
    {
        [Column("person_id")] public string PersonId { get; set; } = "";

        [Column("period")] public int Period { get; set; }
    }

    private sealed record Cached(byte[]? Key, bool Erased, DateTimeOffset Until, byte[]? SealingOnly = null)
    {
        public static readonly Cached Gone = new(null, true, DateTimeOffset.MaxValue);
    }

    public override string ToString() => "PersonKeys(redacted)";
}
