using Akka.Actor;
using FleetKeys.Domain;
using FleetKeys.Driver.Cabinets;

namespace FleetKeys.Driver;

/// <summary>
/// The cluster as a driver's parts ask it (<see cref="IDriverCluster"/>): every answer comes back to the driver actor as a
/// message, tagged with the connection it was asked on, and an ask that fails or times out reads as unavailable.
/// </summary>
internal sealed class ClusterAsks(IActorRef driver, IActorRef controller, IActorRef cabinets, IActorRef people, TimeSpan timeout, Func<int> generation)
    : IDriverCluster
{
    /// <summary>
    /// An answer for the driver to hand to <paramref name="Then"/>, unless the connection it was asked on is gone — but a
    /// person's answer is shown whatever the connection since: they still stand at the cabinet, and what it queues goes
    /// out on the new connection.
    /// </summary>
    public sealed record Answered(byte Address, int Generation, object Answer, Action<CabinetOnBus, object> Then, bool ForPerson)
    {
        public bool StillWanted(int generation) => ForPerson || Generation == generation;
    }

    /// <summary>Whether the cabinet took a report of <paramref name="Online"/>; answered whatever the connection since.</summary>
    public sealed record ConnectivityAnswered(byte Address, bool Online, bool Accepted);

    public void Ask(CabinetOnBus bus, object command, Action<CabinetOnBus, object> then) =>
        Answer(bus, cabinets.Ask<object>(command, timeout), then, forPerson: false);

    public void AskForPerson(CabinetOnBus bus, object command, Action<CabinetOnBus, object> then) =>
        Answer(bus, cabinets.Ask<object>(command, timeout), then, forPerson: true);

    public void AskBuiltAside(CabinetOnBus bus, Func<object> command, Action<CabinetOnBus, object> then) =>
        Answer(bus, Task.Run(() => cabinets.Ask<object>(command(), timeout)), then, forPerson: true);

    public void TellPeople(object message) => people.Tell(message);

    /// <summary>
    /// What <see cref="Connectivity"/> says to tell: a cabinet's reports go to the cabinet, whose answer says whether it took
    /// them; the controller's own to its entity, the driver's parent.
    /// </summary>
    public void Report(IEnumerable<object> reports)
    {
        foreach (var report in reports)
        {
            if (report is not Connectivity.CabinetReport (var address, var command))
            {
                controller.Tell(report);
                continue;
            }

            var online = command.Online;
            cabinets.Ask<object>(command, timeout).ContinueWith(
                t => new ConnectivityAnswered(address, online, t.IsCompletedSuccessfully && t.Result is not Rejection),
                TaskContinuationOptions.ExecuteSynchronously).PipeTo(driver);
        }
    }

    private void Answer(CabinetOnBus bus, Task<object> asked, Action<CabinetOnBus, object> then, bool forPerson)
    {
        var (address, asOf) = (bus.Address, generation());
        asked.ContinueWith(
            t => new Answered(address, asOf, t.IsCompletedSuccessfully
                ? t.Result
                : Rejection.Of(RejectionCode.Unavailable, "the cabinet did not answer"), then, forPerson),
            TaskContinuationOptions.ExecuteSynchronously).PipeTo(driver);
    }
}
