using Akka.Actor;
using Akka.DependencyInjection;
using Akka.Event;

namespace FleetKeys.Cluster.Persistence;

/// <summary>
/// How a node carries entities whose journals were named the old way over to the names they have now, at start: the
/// carrying over is idempotent, so every node runs it on every start, and a failure is logged and tried again at the next.
/// </summary>
public static class LegacyJournals
{
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    public static async Task CarryOver(ActorSystem system, Type owner, string what, Func<JournalHistory, TimeProvider, ILoggingAdapter, Task> carryOver)
    {
        var log = Logging.GetLogger(system, owner);
        try
        {
            await carryOver(new JournalHistory(system), DependencyResolver.For(system).Resolver.GetService<TimeProvider>() ?? TimeProvider.System, log);
        }
        catch (Exception e)
        {
            log.Error(e, "Carrying over {0} failed; it is tried again at the next start", what);
        }
    }
}
