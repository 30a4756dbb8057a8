using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Entities;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Cluster.Controllers;

/// <summary>
/// One physical controller: its persisted configuration, and the driver child that keeps the live connection.
/// The region remembers these entities, so every registered controller is driven by exactly one node, and by
/// another one within seconds when that node dies.
/// </summary>
public sealed class ControllerActor : EventSourcedEntity<ControllerState, ControllerCommand, ControllerEvent>
{
    private readonly IControllerDriver? _driver;
    private IActorRef? _connection;

    public ControllerActor(ControllerId id, EntityServices services, IControllerDriver? driver)
        : base(PersistenceIds.Controller(id), ControllerState.Empty(id), services)
    {
        _driver = driver;
        Command<ControllerCommand>(c => Execute(c));
        Command<GetController>(_ => Sender.Tell(State));
        Command<GetDriverStatus>(q =>
        {
            if (_connection is null) Sender.Tell(DriverStatus.NotDriven(q.Controller));
            else _connection.Forward(q);
        });
        Command<CabinetLayoutChanged>(m => _connection?.Forward(m));
        Command<DriveLocks>(m => _connection?.Forward(m));
        Command<DriveRelock>(m => _connection?.Forward(m));
        Command<Terminated>(t =>
        {
            if (Equals(t.ActorRef, _connection)) _connection = null;
        });
    }

    /// <summary>Controllers are remembered, cabinets are not: waking its cabinets is how their deadlines survive a crash.</summary>
    protected override void OnRecovered()
    {
        var cabinets = ActorRegistry.For(Context.System).Get<CabinetRegion>();
        foreach (var attached in State.Cabinets.Values) cabinets.Tell(new WakeCabinet(attached.Cabinet));
        Drive();
    }

    /// <summary>A configuration change restarts the driver with the new configuration; the controller sees a reconnect.</summary>
    protected override void OnPersisted(ControllerEvent @event) => Drive();

    private void Drive()
    {
        if (_connection is not null)
        {
            Context.Unwatch(_connection);
            Context.Stop(_connection);
            _connection = null;
        }

        if (_driver is null || !State.Registered) return;
        _connection = Context.Watch(Context.ActorOf(_driver.Props(State), $"driver-{Guid.NewGuid():N}"));
    }
}
