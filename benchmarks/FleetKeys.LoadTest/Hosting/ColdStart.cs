using System.Diagnostics;
using FleetKeys.LoadTest.Workload;

namespace FleetKeys.LoadTest.Hosting;

/// <summary>
/// Cold start and recovery: the node stops, every cabinet notices (it decides offline from then on), and a new node
/// starts on the same journal, in a new process (so its start includes the runtime's and the JIT's, as a real restart's
/// does). Measured from the start of the new node's process: the first key granted by the cluster (a person
/// badges at the first cabinet back online and takes a key, exactly as during the run), and every cabinet served again.
/// </summary>
public sealed class ColdStart(Population population, FleetModel model, Errands errands, Progress progress)
{
    public static readonly TimeSpan Bound = TimeSpan.FromMinutes(5);

    public async Task<(NodeUnderTest Node, ColdStartResult Result)> RestartAsync(NodeUnderTest running,
        Func<CancellationToken, Task<NodeUnderTest>> start, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Bound);
        var token = bounded.Token;
        var cabinets = population.Cabinets.Select(p => p.Cabinet).ToList();

        await running.DisposeAsync();
        await Task.WhenAll(cabinets.Select(c => c.WhenOffline(token)));
        progress.Note($"node stopped; all {cabinets.Count} cabinets offline; starting a new node on the same journal");

        var online = cabinets.Select(c => (Cabinet: c, At: c.StampWhen(x => x.IsOnline, token))).ToList();
        var listsWhole = ListsWholeAgain(cancellationToken);
        var startedAt = Stopwatch.GetTimestamp();
        var node = await start(token);
        var ready = Stopwatch.GetElapsedTime(startedAt);

        var firstGrant = await FirstGrant(online, token);
        var allOnline = await Task.WhenAll(online.Select(o => o.At));
        var listed = await listsWhole;
        var result = new ColdStartResult(population.Keys, ready, Since(startedAt, firstGrant), Since(startedAt, allOnline.Max()),
            listed is { } at ? Since(startedAt, at) : null);
        return (node, result);
    }

    /// <summary>
    /// Every cabinet's offline allow-list replaced by the new node's driver (which starts it over with a clear) and whole
    /// again: one entry for each person of its site not revoked. After a full stop the node rebuilds its directory of people
    /// from the journal, and until then a cabinet cut off from the cluster admits only the people its list holds.
    /// </summary>
    /// <returns>The moment the last one was whole; null when that took longer than <see cref="Bound"/>, which fails the run.</returns>
    private async Task<long?> ListsWholeAgain(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Bound);
        try
        {
            return (await Task.WhenAll(population.Cabinets.Select(place =>
            {
                var (clears, entitled) = (place.Cabinet.AllowList.Clears, model.EntitledAt(place.Site));
                return place.Cabinet.StampWhen(c => c.AllowList is { } list && list.Clears > clears && list.Entries.Count == entitled, bounded.Token);
            }))).Max();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>At each cabinet in the order they come back, one take is tried, until the cluster grants one.</summary>
    private async Task<long> FirstGrant(List<(Simulator.SimulatedCabinet Cabinet, Task<long> At)> online, CancellationToken cancellationToken)
    {
        var waiting = online.ToList();
        while (waiting.Count > 0)
        {
            var back = await Task.WhenAny(waiting.Select(o => o.At));
            var (cabinet, _) = waiting.First(o => o.At == back);
            waiting.RemoveAll(o => o.At == back);
            if (model.PickTakeAt(cabinet) is { } errand && await errands.Take(errand, cancellationToken) is { } unlockedAt) return unlockedAt;
        }

        throw new InvalidOperationException("no cabinet granted a key after the restart");
    }

    private static TimeSpan Since(long from, long to) => Stopwatch.GetElapsedTime(from, to);
}

/// <summary>
/// Keys on record; the new node up (a cluster member); first grant; every cabinet online; every cabinet's offline
/// allow-list whole again — all from the new node's start.
/// </summary>
public sealed record ColdStartResult(int KeysOnRecord, TimeSpan NodeUp, TimeSpan FirstGrant, TimeSpan FleetOnline, TimeSpan? ListsWhole)
{
    public string ListsWholeText => ListsWhole is { } whole ? $"{whole.TotalSeconds:F1} s" : $"not within {ColdStart.Bound.TotalMinutes:F0} min";
}
