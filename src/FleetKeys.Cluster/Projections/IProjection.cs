using Akka;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams.Dsl;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Projections;

/// <summary>
/// One read model: which journal events it follows, how a batch of them changes its tables (inside the transaction that
/// also stores the offset), and which tables it owns, so a rebuild can empty them and replay the journal from the start.
/// Applying must depend only on the events and the tables, never on the clock, so a rebuild yields identical rows.
/// </summary>
public interface IProjection
{
    string Name { get; }

    Source<EventEnvelope, NotUsed> Events(SqlReadJournal journal, Offset after);

    Task Apply(DataConnection db, IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken);

    Task Reset(DataConnection db, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the tables hold rows in a form this version no longer writes and must not serve; the projection is then
    /// emptied and written again from the journal before it goes on.
    /// </summary>
    Task<bool> Outdated(DataConnection db, CancellationToken cancellationToken) => Task.FromResult(false);
}

/// <summary>A projection of the events under one tag, in journal order.</summary>
public abstract class TaggedProjection(string name, string tag) : IProjection
{
    public string Name => name;

    public Source<EventEnvelope, NotUsed> Events(SqlReadJournal journal, Offset after) => journal.EventsByTag(tag, after);

    public async Task Apply(DataConnection db, IReadOnlyList<EventEnvelope> batch, CancellationToken cancellationToken)
    {
        foreach (var envelope in batch) await Apply(db, envelope, cancellationToken);
    }

    protected abstract Task Apply(DataConnection db, EventEnvelope envelope, CancellationToken cancellationToken);

    public abstract Task Reset(DataConnection db, CancellationToken cancellationToken);
}
