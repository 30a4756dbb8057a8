using System.Diagnostics;
using FleetKeys.LoadTest.Workload;

namespace FleetKeys.LoadTest.Hosting;

/// <summary>
/// Has the node register the population through FleetProvisioning — the same entity API an administrator uses — in
/// a few parallel streams (a batch of people, then a controller with its cabinets and keys), then waits until every cabinet is online with its
/// whole allow-list, so that the measured window starts on a fleet in its working state.
/// </summary>
public sealed class Provisioner(NodeUnderTest node, LoadTestOptions options, Progress progress)
{
    private const int PeoplePerBatch = 200;

    public async Task<ProvisioningTimes> RunAsync(Population population, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.ProvisioningParallelism, CancellationToken = cancellationToken };
        var clock = Stopwatch.StartNew();

        // People first: a driver pushes each change of a person to every cabinet of their site (a purge and an upsert per
        // change, several changes per registration), while a cabinet that connects later gets its whole list in one reload.
        var batches = Enumerable.Range(0, (population.People.Count + PeoplePerBatch - 1) / PeoplePerBatch).ToArray();
        var batchesDone = 0;
        await Parallel.ForEachAsync(batches, parallel, async (batch, token) =>
        {
            await node.RegisterPeople(batch * PeoplePerBatch, PeoplePerBatch, token);
            var done = Interlocked.Increment(ref batchesDone);
            if (done % Math.Max(1, batches.Length / 10) == 0) progress.Note($"provisioned people batch {done}/{batches.Length}");
        });
        var peopleTime = clock.Elapsed;

        // One stream per controller, each registered complete before its driver is pointed at the simulator (LoadTestControl).
        var controllers = population.Controllers.SelectMany(site => site).Select((controller, index) => (Index: index, controller.Port)).ToArray();
        var controllersDone = 0;
        await Parallel.ForEachAsync(controllers, parallel, async (controller, token) =>
        {
            await node.RegisterController(controller.Index, controller.Port, token);
            var done = Interlocked.Increment(ref controllersDone);
            if (done % Math.Max(1, controllers.Length / 10) == 0) progress.Note($"provisioned controller {done}/{controllers.Length}");
        });
        var fleetTime = clock.Elapsed - peopleTime;

        await WhenFleetReady(population, cancellationToken);
        return new ProvisioningTimes(fleetTime, peopleTime, clock.Elapsed - fleetTime - peopleTime);
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
