using System.Globalization;
using Akka.Actor;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.LoadTest.Hosting;

/// <summary>
/// A real FleetKeys node in this process, built by the executable's own composition root: the same entities, journal,
/// driver and settings a deployment runs, on loopback ports, with the given journal database.
/// </summary>
public sealed class BenchmarkNode : IAsyncDisposable
{
    private BenchmarkNode(WebApplication app, string adminKey)
    {
        App = app;
        AdminKey = adminKey;
        System = app.Services.GetRequiredService<ActorSystem>();
        Admin = app.Services.GetRequiredService<FleetAdmin>();
    }

    private int _disposed;

    public WebApplication App { get; }
    public ActorSystem System { get; }
    public FleetAdmin Admin { get; }

    /// <summary>The node's only key, made for this run: the console probe signs in with it.</summary>
    public string AdminKey { get; }

    public Uri BaseAddress => new(App.Urls.First());

    /// <summary>Returns once the node is an Up member of its cluster of one, i.e. ready to take commands.</summary>
    public static async Task<BenchmarkNode> StartAsync(
        PersistenceSettings persistence, byte[] masterSecret, LoadTestOptions options, CancellationToken cancellationToken)
    {
        var adminKey = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        string[] args =
        [
            "--urls", "http://127.0.0.1:0",
            "--FleetKeys:Cluster:Port", "0",
            "--FleetKeys:Management:Port", "0",
            "--FleetKeys:Persistence:Provider", persistence.Provider.ToString(),
            "--FleetKeys:Persistence:DataFolder", persistence.DataFolder,
            "--FleetKeys:Persistence:ConnectionString", persistence.ConnectionString ?? "",
            "--FleetKeys:Logging:Level", options.LogLevel,
            "--FleetKeys:Hardware:MasterSecret", Convert.ToBase64String(masterSecret),
            // A key of this run keeps the node from writing data/admin.key; only the console probe uses it.
            "--FleetKeys:Api:BootstrapAdminKey", adminKey,
            .. options.PollInterval is { } poll ? ["--FleetKeys:Hardware:PollInterval", poll.ToString("c", CultureInfo.InvariantCulture)] : Array.Empty<string>(),
        ];
        var app = FleetKeysNode.Build(args);
        await app.StartAsync(cancellationToken);
        var node = new BenchmarkNode(app, adminKey);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(node.System).RegisterOnMemberUp(up.SetResult);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return node;
    }

    /// <summary>Idempotent: a cold start disposes the node it replaces, and a run that fails midway disposes what it holds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
