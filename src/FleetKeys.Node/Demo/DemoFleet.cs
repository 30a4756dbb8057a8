using Akka.Actor;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
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
    DemoSettings settings, DriverSettings hardware, FleetAdmin admin, FleetCommands commands, ApprovalQueries approvals, ActorSystem system,
    ILogger<DemoFleet> log)
    : BackgroundService
{
    public static readonly SiteId Site = new("demo");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var up = new TaskCompletionSource();
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(up.SetResult);
        await up.Task.WaitAsync(stoppingToken);

        var layout = new FleetLayout(settings.Controllers, settings.CabinetsPerController, settings.SlotsPerCabinet, StockReaders: settings.StockReaders);
        await using var fleet = new SimulatedFleet(layout, hardware.MasterSecretBytes(), TimeProvider.System);
        await fleet.StartAsync(stoppingToken);
        var people = SimulatedPerson.Generate(settings.People);
        await Provision(fleet, people, stoppingToken);

        using var activity = new ActivityScript(fleet.Cabinets, people, TimeProvider.System, new ActivityOptions
        {
            VisitsPerSecond = settings.VisitsPerSecond,
            MaxVisits = int.MaxValue,
            HoldTime = settings.HoldTime,
            WrongSlotChance = settings.WrongSlotChance,
            FaultChance = settings.FaultChance,
            HandoverChance = settings.HandoverChance,
            HoldTimeOfSlot = DemoKeys.HoldTimes(settings),
        }, fleet.Readers);
        await CarryOn(fleet, people, activity);
        activity.Start();
        var powerCuts = DemoPowerCuts.Run(fleet.Cabinets.Last(), settings, stoppingToken);
        var tagReaderFaults = DemoTagReaderFaults.Run(fleet.Cabinets.First(), commands, settings, log, stoppingToken);
        var approver = DemoApprovals.Run(admin, approvals, fleet.Cabinets, people, activity, settings, log, stoppingToken);
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
        await powerCuts;
        await tagReaderFaults;
        await approver;
        log.LogInformation("Demo fleet stopped after {Visits} visits", activity.Stats);
    }

    /// <summary>
    /// Every step is idempotent, so a run cut short by a part of the cluster that did not answer in time (a node still
    /// recovering its entities after a crash, a loaded machine) is simply run again.
    /// </summary>
    private async Task Provision(SimulatedFleet fleet, IReadOnlyList<SimulatedPerson> people, CancellationToken stoppingToken)
    {
        var provisioning = new FleetProvisioning(admin);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await provisioning.RegisterFleet(fleet.Describe(), Site, "Europe/Berlin", OfflinePolicy.AllowCached, DemoKeys.For(settings));
                await provisioning.RegisterPeople(people, [new Entitlement(null, Site, null, Schedule.Always)], maxKeys: 3);
                return;
            }
            catch (Exception e) when (e is AskTimeoutException or TimeoutException && attempt < ProvisioningAttempts && !stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("Provisioning the demo fleet did not finish ({Reason}); trying again ({Attempt}/{Attempts})",
                    e.Message, attempt + 1, ProvisioningAttempts);
            }
        }
    }

    private const int ProvisioningAttempts = 5;

    /// <summary>
    /// A demo started again on its data folder finds keys still out from before its stop: their tags leave the simulated
    /// slots (the slots know them out already, so nothing is recorded as forced) and their holders bring them back later,
    /// so the simulated hardware agrees with the custody on record.
    /// </summary>
    private async Task CarryOn(SimulatedFleet fleet, IReadOnlyList<SimulatedPerson> people, ActivityScript activity)
    {
        var away = 0;
        foreach (var cabinet in fleet.Cabinets)
            for (byte slot = 1; slot <= cabinet.SlotCount; slot++)
            {
                var custody = (await admin.GetCustody(new SlotId(new CabinetId(cabinet.CabinetId), slot))).Value;
                if (custody?.Status is not (CustodyStatus.Out or CustodyStatus.Missing)) continue;
                away++;
                cabinet.ForceSlot(slot);
                if (people.FirstOrDefault(p => p.PersonId == custody.Holder?.Value) is { } holder) activity.Holding(holder, cabinet, slot);
            }

        if (away > 0) log.LogInformation("Demo fleet carries on with {Keys} keys out or missing since before the restart", away);
    }
}
