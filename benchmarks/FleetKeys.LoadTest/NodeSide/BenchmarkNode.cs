using System.Globalization;
using Akka.Actor;
using FleetKeys.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.LoadTest.NodeSide;

/// <summary>
/// A real FleetKeys node, built by the executable's own composition root: the same entities, journal, driver and
/// settings a deployment runs, on loopback ports, with the given journal database — plus the load test's control
/// endpoints (<see cref="LoadTestControl"/>).
/// </summary>
public sealed class BenchmarkNode : IAsyncDisposable
{
    private BenchmarkNode(WebApplication app)
    {
        App = app;
        System = app.Services.GetRequiredService<ActorSystem>();
    }

    public WebApplication App { get; }
    public ActorSystem System { get; }

    public Uri BaseAddress => new(App.Urls.First());

    /// <summary>Returns once the node is an Up member of its cluster of one, i.e. ready to take commands.</summary>
    public static async Task<BenchmarkNode> StartAsync(NodeStart start, CancellationToken cancellationToken)
    {
        var options = start.Options;
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--FleetKeys:Cluster:Port", "0",
            "--FleetKeys:Management:Port", "0",
            "--FleetKeys:Persistence:Provider", start.Provider.ToString(),
            "--FleetKeys:Persistence:DataFolder", start.DataFolder,
            "--FleetKeys:Persistence:ConnectionString", start.ConnectionString ?? "",
            "--FleetKeys:Logging:Level", options.LogLevel,
            "--FleetKeys:Hardware:MasterSecret", Convert.ToBase64String(start.MasterSecret),
            // A key of this run keeps the node from writing data/admin.key; only the console probe uses it.
            "--FleetKeys:Api:BootstrapAdminKey", start.AdminKey,
            .. options.PollInterval is { } poll ? ["--FleetKeys:Hardware:PollInterval", poll.ToString("c", CultureInfo.InvariantCulture)] : Array.Empty<string>(),
        ];
        var app = FleetKeysNode.Build(args);
        app.MapLoadTestControl(options);
        await app.StartAsync(cancellationToken);
        var node = new BenchmarkNode(app);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(node.System).RegisterOnMemberUp(up.SetResult);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
