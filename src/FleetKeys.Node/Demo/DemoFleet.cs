using Akka.Actor;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Time;
using FleetKeys.Driver;
using FleetKeys.Simulator.Activity;
using FleetKeys.Simulator.Fleet;

namespace FleetKeys.Node.Demo;

/// <summary>
/// A living system for a newcomer: a simulated fleet on loopback, registered in this node, with simulated people
/// taking and returning keys over the real wire protocol — everything the API shows is then real custody.
/// </summary>
public sealed class DemoFleet(
    DemoSettings settings, DriverSettings hardware, FleetAdmin admin, ActorSystem system, ILogger<DemoFleet> log) : BackgroundService
{
    public static readonly SiteId Site = new("demo");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var up = new TaskCompletionSource();
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(up.SetResult);
        await up.Task.WaitAsync(stoppingToken);

        var layout = new FleetLayout(settings.Controllers, settings.CabinetsPerController, settings.SlotsPerCabinet);
        await using var fleet = new SimulatedFleet(layout, hardware.MasterSecretBytes(), TimeProvider.System);
        await fleet.StartAsync(stoppingToken);
        var people = SimulatedPerson.Generate(settings.People);
        var provisioning = new FleetProvisioning(admin);
        await provisioning.RegisterFleet(fleet.Describe(), Site, "Europe/Berlin", OfflinePolicy.AllowCached, FleetProvisioning.DefaultKey);
        await provisioning.RegisterPeople(people, [new Entitlement(null, Site, null, Schedule.Always)], maxKeys: 3);

        using var activity = new ActivityScript(fleet.Cabinets, people, TimeProvider.System, new ActivityOptions
        {
            VisitsPerSecond = settings.VisitsPerSecond,
            MaxVisits = int.MaxValue,
            HoldTime = settings.HoldTime,
        });
        activity.Start();
        log.LogInformation(
            "Demo fleet running: {Controllers} controllers × {Cabinets} cabinets × {Slots} slots, {People} simulated people. Try GET /api/v1/cabinets/{Cabinet}",
            settings.Controllers, settings.CabinetsPerController, settings.SlotsPerCabinet, settings.People, fleet.Cabinets.First().CabinetId);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // the node is stopping
        }

        activity.Stop();
        log.LogInformation("Demo fleet stopped after {Visits} visits", activity.Stats);
    }
}
