using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Time;
using FleetKeys.LoadTest.Workload;
using FleetKeys.Node.Demo;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Fleet;

namespace FleetKeys.LoadTest.Hosting;

/// <summary>
/// Registers the population through <see cref="FleetProvisioning"/> — the same entity API an administrator uses — in
/// a few parallel streams (a batch of people, then a site's fleet), then waits until every cabinet is online with its
/// whole allow-list, so that the measured window starts on a fleet in its working state.
/// </summary>
public sealed class Provisioner(FleetAdmin admin, LoadTestOptions options, Progress progress)
{
    private const string TimeZone = "Europe/Berlin";
    private const int PeoplePerBatch = 200;

    public async Task<ProvisioningTimes> RunAsync(Population population, CancellationToken cancellationToken)
    {
        var provisioning = new FleetProvisioning(admin);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.ProvisioningParallelism, CancellationToken = cancellationToken };
        var clock = Stopwatch.StartNew();

        // People first: a driver pushes each change of a person to every cabinet of their site (a purge and an upsert per
        // change, several changes per registration), while a cabinet that connects later gets its whole list in one reload.
        var batches = population.People.Chunk(PeoplePerBatch).ToArray();
        var batchesDone = 0;
        await Parallel.ForEachAsync(batches, parallel, async (batch, _) =>
        {
            // A batch mixes sites (people are dealt round-robin), so each person is registered with their own site's entitlement.
            foreach (var site in batch.GroupBy(m => m.Site))
                await provisioning.RegisterPeople(site.Select(m => m.Person),
                    [new Entitlement(null, population.Sites[site.Key], null, Schedule.Always)], options.MaxKeysPerPerson);
            var done = Interlocked.Increment(ref batchesDone);
            if (done % Math.Max(1, batches.Length / 10) == 0) progress.Note($"provisioned people batch {done}/{batches.Length}");
        });
        var peopleTime = clock.Elapsed;

        // One stream per controller: registering a site again is a harmless "already exists". Each controller is first
        // registered at a closed port: every cabinet attached or key homed would otherwise restart or reload a live driver,
        // re-sending whole allow-lists each time. Pointed at its real port once complete, each driver connects once.
        var controllers = population.Controllers.SelectMany((site, index) => site.Select(controller => (Site: index, Controller: controller))).ToArray();
        var closedPort = ClosedPort();
        var controllersDone = 0;
        await Parallel.ForEachAsync(controllers, parallel, async (pair, _) =>
        {
            var fleet = new FleetDescription(SimulatedController.Host, [pair.Controller.Describe() with { Port = closedPort }]);
            await provisioning.RegisterFleet(fleet, population.Sites[pair.Site], TimeZone, OfflinePolicy.AllowCached, FleetProvisioning.DefaultKey);
            var connected = await admin.ChangeController(new ControllerId(pair.Controller.ControllerId), SimulatedController.Host,
                pair.Controller.Port, null, FleetProvisioning.By);
            if (connected.Rejection is { } rejection) throw new InvalidOperationException($"registering {pair.Controller}: {rejection.Message}");
            var done = Interlocked.Increment(ref controllersDone);
            if (done % Math.Max(1, controllers.Length / 10) == 0) progress.Note($"provisioned controller {done}/{controllers.Length}");
        });
        var fleetTime = clock.Elapsed - peopleTime;

        await WhenFleetReady(population, cancellationToken);
        return new ProvisioningTimes(fleetTime, peopleTime, clock.Elapsed - fleetTime - peopleTime);
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

    /// <summary>Every cabinet online and holding an allow-list entry for each person of its site.</summary>
    public async Task WhenFleetReady(Population population, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ReadyTimeout(population));
        var ready = 0;
        var total = population.Cabinets.Count;
        try
        {
            await Task.WhenAll(population.Cabinets.Select(async place =>
            {
                var expected = population.PeopleAt(place.Site);
                await place.Cabinet.WaitUntilAsync(c => c.IsOnline && c.AllowList.Entries.Count == expected, bounded.Token);
                var now = Interlocked.Increment(ref ready);
                if (now % Math.Max(1, total / 10) == 0) progress.Note($"{now}/{total} cabinets online with their allow-lists");
            }));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"only {ready} of {total} cabinets were online with complete allow-lists after {ReadyTimeout(population)}");
        }
    }

    /// <summary>Generous, but bounded: a run that cannot reach its working state ends with a clear error.</summary>
    private static TimeSpan ReadyTimeout(Population population) =>
        TimeSpan.FromSeconds(60 + population.Cabinets.Count * (double)population.People.Count / population.Sites.Count / 2_000);
}

public sealed record ProvisioningTimes(TimeSpan Fleet, TimeSpan People, TimeSpan UntilReady);
