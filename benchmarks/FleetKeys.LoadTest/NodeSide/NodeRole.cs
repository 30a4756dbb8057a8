using System.Text.Json;

namespace FleetKeys.LoadTest.NodeSide;

/// <summary>
/// The load test's executable started as <c>FleetKeys.LoadTest.dll node</c> by <see cref="Hosting.NodeUnderTest"/>: it
/// reads its <see cref="NodeStart"/> as the first line of standard input, runs the node, prints
/// <see cref="ReadyLine"/> and its address once the node is up, and stops when its standard input closes — which the
/// load test does at the end, and the system does when the load test dies — or on SIGTERM/SIGINT.
/// </summary>
public static class NodeRole
{
    public const string Verb = "node";
    public const string ReadyLine = "fleetkeys-loadtest-node-ready";

    public static async Task<int> RunAsync()
    {
        using var input = new StreamReader(System.Console.OpenStandardInput());
        var start = JsonSerializer.Deserialize<NodeStart>(input.ReadLine() ?? "")
                    ?? throw new InvalidOperationException("no start line on standard input");
        await using var node = await BenchmarkNode.StartAsync(start, CancellationToken.None);
        System.Console.Out.WriteLine($"{ReadyLine} {node.BaseAddress}");
        System.Console.Out.Flush();

        // Reading standard input blocks its thread until end of file: a thread of its own, not one of the pool's.
        var inputClosed = Task.Factory.StartNew(() => input.ReadToEnd(), TaskCreationOptions.LongRunning);
        var stopping = new TaskCompletionSource();
        await using var _ = node.App.Lifetime.ApplicationStopping.Register(stopping.SetResult);
        await Task.WhenAny(inputClosed, stopping.Task);
        return 0;
    }
}
