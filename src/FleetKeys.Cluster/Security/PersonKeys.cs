using System.Collections.Concurrent;
using System.Security.Cryptography;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Domain.Ids;
using LinqToDB;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Security;

/// <summary>
/// The key store of crypto-shredding: one random 256-bit data key per person, made the first time something about them
/// is sealed, kept wrapped in <c>person_keys</c> in the journal's database (so a backup of the journal carries the keys
/// it needs and an erasure reaches both), and destroyed when the person is erased. Every node reads the same table;
/// a key is kept in memory for <see cref="Kept"/> at most, so a node that cached it before another node erased the person
/// stops opening their fields within that time (docs/architecture.md, "Personal data").
/// </summary>
public sealed class PersonKeys(PersistenceSettings settings, NodeKeys keys, TimeProvider clock)
{
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(1);

    private readonly DataOptions _options = DatabaseConnections.For(settings, settings.ResolveConnectionString());
    private readonly ConcurrentDictionary<PersonId, Cached> _cache = new();
    private readonly Lazy<bool> _schema = new(() =>
    {
        SchemaCreation.OneNodeAtATime(settings, settings.ResolveConnectionString(), () =>
        {
            using var db = new DataConnection(DatabaseConnections.For(settings, settings.ResolveConnectionString()));
            db.CreateTable<PersonKeyRow>(tableOptions: TableOptions.CreateIfNotExists);
            return Task.CompletedTask;
        }, CancellationToken.None).GetAwaiter().GetResult();
        return true;
    });

    /// <summary>The person's key, or null if they have none (nothing sealed yet) or were erased.</summary>
    public byte[]? Find(PersonId person) => Lookup(person, create: false);

    /// <summary>The key to seal with, made now if the person has none; null once the person is erased.</summary>
    public byte[]? ForSealing(PersonId person) => Lookup(person, create: true);

    /// <summary>Destroys the person's key for good (a row without a key stays behind, so none is made again).</summary>
    public async Task Erase(PersonId person, CancellationToken cancellationToken)
    {
        _ = _schema.Value;
        // On SQLite the node's connections overwrite what they free (DatabaseConnections), so the wrapped key is not left behind.
        await using var db = Open();
        await db.ExecuteAsync("""
            INSERT INTO person_keys (person_id, wrapped_key, erased_at) VALUES (@person, NULL, @at)
            ON CONFLICT (person_id) DO UPDATE SET wrapped_key = NULL, erased_at = @at
            """, cancellationToken, new DataParameter("person", person.Value), new DataParameter("at", clock.GetUtcNow()));
        // The key stays in this node's memory for sealing only (never for opening): a fact read with it just before the
        // erasure and written again just after (the audit's row, re-derived) must seal to the text the journal holds.
        _cache.AddOrUpdate(person, Cached.Gone, (_, old) => Cached.Gone with { SealingOnly = old.Key ?? old.SealingOnly });
    }

    private byte[]? Lookup(PersonId person, bool create)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(person, out var cached) && (cached.Erased || cached.Until > now)) return create ? cached.Key ?? cached.SealingOnly : cached.Key;
        _ = _schema.Value;
        using var db = Open();
        var row = Read(db, person);
        if (row is null && create)
        {
            db.Execute("INSERT INTO person_keys (person_id, wrapped_key) VALUES (@person, @key) ON CONFLICT (person_id) DO NOTHING",
                new DataParameter("person", person.Value), new DataParameter("key", keys.PersonKeys.Seal(RandomNumberGenerator.GetBytes(32), Context(person)), DataType.VarBinary));
            // Another node may have made it first: the stored one is the key.
            row = Read(db, person);
        }

        if (row is null) return null;
        var found = row switch
        {
            { WrappedKey: null } => Cached.Gone,
            { WrappedKey: { } wrapped } => keys.PersonKeys.TryOpen(wrapped, Context(person), out var key)
                ? new Cached(key, false, now + Kept)
                : throw new CryptographicException($"the key of person {person} does not open under this node's master secret"),
        };
        // A lookup that read the row before an erasure on this node must not bring the key back after it.
        found = _cache.AddOrUpdate(person, found, (_, old) => old.Erased ? old : found);
        return create ? found.Key ?? found.SealingOnly : found.Key;
    }

    private static PersonKeyRow? Read(DataConnection db, PersonId person) =>
        db.GetTable<PersonKeyRow>().FirstOrDefault(r => r.PersonId == person.Value);

    private DataConnection Open() => new(_options);

    private static string Context(PersonId person) => $"person-key/{person.Value}";

    private sealed record Cached(byte[]? Key, bool Erased, DateTimeOffset Until, byte[]? SealingOnly = null)
    {
        public static readonly Cached Gone = new(null, true, DateTimeOffset.MaxValue);
    }

    public override string ToString() => "PersonKeys(redacted)";
}
