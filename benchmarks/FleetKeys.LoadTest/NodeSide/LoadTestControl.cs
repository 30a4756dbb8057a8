using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Security;
using FleetKeys.Console.Live;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Time;
using FleetKeys.LoadTest.Journal;
using FleetKeys.LoadTest.Measurement;
using FleetKeys.LoadTest.Workload;
using FleetKeys.Node.Demo;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Fleet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.LoadTest.NodeSide;

/// <summary>
/// What the load test's process asks of the node's, on loopback: registering the population through
/// <see cref="FleetProvisioning"/> (the same entity API an administrator uses), revocations through
/// <see cref="FleetAdmin"/>, the journal baseline in the node's own actor system, and the counters only the node's
/// process can read. Mapped only by the load test's node host, never by the node executable.
/// </summary>
public static class LoadTestControl
{
    private const string TimeZone = "Europe/Berlin";

    public static void MapLoadTestControl(this WebApplication app, LoadTestOptions options)
    {
        var control = app.MapGroup("/loadtest").AllowAnonymous();
        var sites = Population.SitesOf(options);
        var members = Population.MembersOf(options);
        var controllers = options.Layout.Specs();

        // A batch mixes sites (people are dealt round-robin), so each person is registered with their own site's entitlement.
        control.MapPost("/people", (int from, int count, FleetAdmin admin) => TryAgainIfLate(async () =>
        {
            var provisioning = new FleetProvisioning(admin);
            foreach (var site in members.Skip(from).Take(count).GroupBy(m => m.Site))
                await provisioning.RegisterPeople(site.Select(m => m.Person),
                    [new Entitlement(null, sites[site.Key], null, Schedule.Always)], options.MaxKeysPerPerson);
            return Results.NoContent();
        }));

        // Registering a site again is a harmless "already exists". The controller is first registered at a closed port:
        // every cabinet attached or key homed would otherwise restart or reload a live driver, re-sending whole allow-lists
        // each time. Pointed at its real port once complete, its driver connects once.
        control.MapPost("/controllers/{index:int}", (int index, int port, FleetAdmin admin) => TryAgainIfLate(async () =>
        {
            var controller = controllers[index];
            var fleet = new FleetDescription(SimulatedController.Host, [controller with { Port = ClosedPort() }]);
            await new FleetProvisioning(admin).RegisterFleet(fleet, sites[Population.SiteOfController(options, index)], TimeZone,
                OfflinePolicy.AllowCached, FleetProvisioning.DefaultKey);
            var connected = await admin.ChangeController(new ControllerId(controller.ControllerId), SimulatedController.Host, port, null,
                FleetProvisioning.By);
            return connected.Rejection is { } rejection
                ? Results.Problem($"registering {controller.ControllerId}: {rejection.Message}")
                : Results.NoContent();
        }));

        control.MapPost("/people/{id}/revoke", async (string id, FleetAdmin admin) =>
            (await admin.Revoke(new PersonId(id), PersonStatus.Terminated, "load test")).Rejection is { } rejection
                ? Results.Conflict(rejection.Code.ToString())
                : Results.NoContent());

        control.MapPost("/baseline", async (ActorSystem system, CancellationToken cancellationToken) =>
            await JournalBaseline.MeasureAsync(system, options, cancellationToken));

        control.MapGet("/gc", GcCounts.Now);

        control.MapPost("/gc/full", LiveHeap.CollectAll);

        control.MapGet("/writes", (PersonKeys keys) => WriteCounts.Now(keys));

        // Live changes the console's feed passed on: only the console probe reads it.
        control.MapGet("/pulse", (FleetPulse pulse) => pulse.Passed);
    }

    /// <summary>A loopback port nothing listens on: bound for a moment by the system's choice, then let go.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// A provisioning step some part of the cluster did not answer in time (a loaded machine) is 503, which the load test
    /// sends again (<see cref="Hosting.NodeUnderTest"/>): every step is idempotent, as the demo's provisioning relies on too.
    /// </summary>
    private static async Task<IResult> TryAgainIfLate(Func<Task<IResult>> step)
    {
        try
        {
            return await step();
        }
        catch (TimeoutException late)
        {
            return Results.Problem(late.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
