using Akka.Actor;
using Akka.Persistence;

namespace FleetKeys.Cluster.Tests.Support;

/// <summary>Writes facts under a persistence id as the entity of an older version would have (a journal named the old way).</summary>
public static class OlderJournals
{
    private sealed class Recorder : ReceivePersistentActor
    {
        public Recorder(string persistenceId)
        {
            PersistenceId = persistenceId;
            Command<object>(fact => Persist(fact, stored => Sender.Tell(stored)));
        }

        public override string PersistenceId { get; }
    }

    public static async Task Record(TestNode node, string persistenceId, params object[] facts)
    {
        var recorder = node.System.ActorOf(Props.Create(() => new Recorder(persistenceId)));
        foreach (var fact in facts) await recorder.Ask<object>(fact, TimeSpan.FromSeconds(10));
        await recorder.GracefulStop(TimeSpan.FromSeconds(10));
    }
}
