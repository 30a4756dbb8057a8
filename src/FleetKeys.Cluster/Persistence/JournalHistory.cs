using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace FleetKeys.Cluster.Persistence;

/// <summary>One entity's events in order, straight from the journal: the authoritative history of a key or a person.</summary>
public sealed class JournalHistory(ActorSystem system)
{
    private readonly Lazy<SqlReadJournal> _journal = ReadJournals.OnFirstUse(system);
    private readonly IMaterializer _materializer = system.Materializer();

    public async Task<IReadOnlyList<JournalEntry>> EventsOf(string persistenceId, CancellationToken cancellationToken = default) =>
        await _journal.Value.CurrentEventsByPersistenceId(persistenceId, 0, long.MaxValue)
            .Select(e => new JournalEntry(e.SequenceNr, e.Event, e.Timestamp))
            .RunWith(Sink.Seq<JournalEntry>(), _materializer)
            .WaitAsync(cancellationToken);

    /// <summary>Whether the entity has ever persisted anything — asked before waking an entity that would otherwise be remembered.</summary>
    public async Task<bool> Exists(string persistenceId, CancellationToken cancellationToken = default) =>
        (await _journal.Value.CurrentEventsByPersistenceId(persistenceId, 0, 1).Take(1)
            .RunWith(Sink.Seq<EventEnvelope>(), _materializer).WaitAsync(cancellationToken)).Count > 0;

    /// <summary>The ids of every entity of one kind that has ever persisted anything, e.g. all controllers.</summary>
    public async Task<IReadOnlyList<string>> EntityIds(string prefix, CancellationToken cancellationToken = default) =>
        await _journal.Value.CurrentPersistenceIds()
            .Where(id => id.StartsWith(prefix + "-", StringComparison.Ordinal))
            .Select(id => id[(prefix.Length + 1)..])
            .RunWith(Sink.Seq<string>(), _materializer)
            .WaitAsync(cancellationToken);
}

public sealed record JournalEntry(long SequenceNr, object Event, long Timestamp);
