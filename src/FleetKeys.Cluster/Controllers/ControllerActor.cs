using Akka.Actor;
using Akka.Cluster.Sharding;
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
/// another one within seconds when that node dies — until it is decommissioned: then it passivates, which (unlike a
/// plain stop) makes the shard forget it, so no node starts it again.
/// </summary>
public sealed class ControllerActor : EventSourcedEntity<ControllerState, ControllerCommand, ControllerEvent>
{
    private sealed record StopEntity;

    private sealed record OfflineTooLongDue;

    private readonly IControllerDriver? _driver;
    private IActorRef? _connection;

    public ControllerActor(ControllerId id, EntityServices services, IControllerDriver? driver)
        : base(PersistenceIds.Controller(id), ControllerState.Empty(id), services)
    {
        _driver = driver;
        Command<StopEntity>(_ => Context.Stop(Self));
        Command<OfflineTooLongDue>(_ => Execute(new NoticeControllerOfflineTooLong(State.Id, Settings.ControllerOfflineAlarmAfter, Now), _ => { }, _ => { }));
        Command<ControllerCommand>(c => Execute(c));
        Command<GetController>(_ => Sender.Tell(Answer));
        Command<GetDriverStatus>(q =>
        {
            if (_connection is null) Sender.Tell(DriverStatus.NotDriven(q.Controller));
            else _connection.Forward(q);
        });
        Command<CabinetLayoutChanged>(m => _connection?.Forward(m));
        Command<ResyncAllowList>(m => _connection?.Forward(m));
        Command<TakeInventory>(m => _connection?.Forward(m));
        Command<DriveLocks>(m => _connection?.Forward(m));
        Command<DriveRelock>(m => _connection?.Forward(m));
        Command<Terminated>(t =>
        {
            if (Equals(t.ActorRef, _connection)) _connection = null;
        });
    }

    protected override object Answer => ControllerDetails.Of(State);

    /// <summary>
    /// Controllers are remembered, cabinets are not: waking its cabinets is how their deadlines survive a crash. A
    /// decommissioned controller woken by a message answers it and goes again.
    /// </summary>
    protected override void OnRecovered()
    {
        if (State.Decommissioned)
        {
            Passivate();
            return;
        }

        var cabinets = ActorRegistry.For(Context.System).Get<CabinetRegion>();
        foreach (var (busAddress, attached) in State.Cabinets) cabinets.Tell(new WakeCabinet(attached.Cabinet, State.Id, busAddress));
        FollowMoves();
        Drive();
        WatchOutage();
    }

    /// <summary>A configuration change restarts the driver with the new configuration (a new address is dialled at once).</summary>
    protected override void OnPersisted(ControllerEvent @event)
    {
        if (@event is ControllerCommunicationEvent) WatchOutage();
        else Drive();
        if (@event is DeviceMoved) FollowMoves();
        if (@event is ControllerDecommissioned) Passivate();
    }

    /// <summary>
    /// A moved device's cabinet owns its wiring: it is told to re-wire to where the device answers now (its board's or its
    /// stock reader's address), through its own re-wiring path, until it has — after a restart of this entity too.
    /// </summary>
    private void FollowMoves()
    {
        var cabinets = ActorRegistry.For(Context.System).Get<CabinetRegion>();
        foreach (var (from, move) in State.MovedDevices)
        {
            if (State.CabinetAt(from) is not { } cabinet) continue;
            var board = State.Cabinets.ContainsKey(from);
            AskUntilAnswered(cabinets, new ChangeCabinet(cabinet, null, board ? move.To : null, null, move.By, Now, board ? null : move.To));
        }
    }

    /// <summary>The offline-too-long alarm is due a fixed time after the outage began, also when this node took the controller over mid-outage.</summary>
    private void WatchOutage()
    {
        if (State.OfflineTooLongDueAt(Settings.ControllerOfflineAlarmAfter) is { } due)
            Timers.StartSingleTimer(nameof(OfflineTooLongDue), new OfflineTooLongDue(), due > Now ? due - Now : TimeSpan.Zero);
        else Timers.Cancel(nameof(OfflineTooLongDue));
    }

    private void Passivate() => Context.Parent.Tell(new Passivate(new StopEntity()));

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
