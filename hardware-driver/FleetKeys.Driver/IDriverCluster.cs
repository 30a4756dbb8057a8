namespace FleetKeys.Driver;

/// <summary>
/// The cluster as the driver's parts reach it. The actor implements it: answers come back on its own thread, only for the
/// connection they were asked on, and an ask that fails reads as <c>Unavailable</c>. Specs record the asks and answer them.
/// </summary>
internal interface IDriverCluster
{
    /// <summary>Asks the cabinet region; <paramref name="then"/> gets the answer if the connection it was asked on is still up.</summary>
    void Ask(CabinetOnBus bus, object command, Action<CabinetOnBus, object> then);

    /// <summary>As <see cref="Ask"/>, for the person at the cabinet: <paramref name="then"/> gets the answer even on a new connection.</summary>
    void AskForPerson(CabinetOnBus bus, object command, Action<CabinetOnBus, object> then);

    /// <summary>As <see cref="AskForPerson"/>, with a command too slow to build on the bus's thread (a PIN hash) built off it.</summary>
    void AskBuiltAside(CabinetOnBus bus, Func<object> command, Action<CabinetOnBus, object> then);

    /// <summary>Tells the person region (relocks done, purges confirmed); nothing comes back.</summary>
    void TellPeople(object message);
}
