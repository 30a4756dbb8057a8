using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;

namespace FleetKeys.Cluster.Persistence;

/// <summary>
/// The SQL read journal. Its constructor waits at most 5 s for the write journal to start (to create its tables), which a
/// node starting on a busy machine can exceed, and the node then failed to start. So opening it is tried again, for up to a
/// minute, and the services that read the journal open it on first use rather than while the host builds them.
/// </summary>
public static class ReadJournals
{
    private const int Attempts = 12;

    public static SqlReadJournal Open(ActorSystem system)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
            }
            catch (AggregateException e) when (e.InnerException is AskTimeoutException && attempt < Attempts)
            {
                // The write journal is still starting: the constructor failed before it made anything, so it can run again.
            }
        }
    }

    /// <summary>Opened on first use; a failed opening is tried again at the next use.</summary>
    public static Lazy<SqlReadJournal> OnFirstUse(ActorSystem system) => new(() => Open(system), LazyThreadSafetyMode.PublicationOnly);
}
