using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Clustering;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Sdk;

namespace FleetKeys.Cluster.Tests.Support;

/// <summary>A real FleetKeys node (cluster, sharding, SQL journal) in this process, with an injected clock.</summary>
public sealed class TestNode : IAsyncDisposable
{
    private readonly IHost _host;

    private TestNode(IHost host)
    {
        _host = host;
        System = host.Services.GetRequiredService<ActorSystem>();
        Registry = host.Services.GetRequiredService<IActorRegistry>();
        Admin = host.Services.GetRequiredService<FleetAdmin>();
        History = host.Services.GetRequiredService<JournalHistory>();
    }

    /// <summary>The hardware master secret of every test node, from which its PIN pepper is derived.</summary>
    public static readonly byte[] MasterSecret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public ActorSystem System { get; }
    public IActorRegistry Registry { get; }
    public FleetAdmin Admin { get; }
    public JournalHistory History { get; }

    public static async Task<TestNode> StartAsync(
        PersistenceSettings persistence, TimeProvider clock, ClusterSettings? cluster = null, EntitySettings? entities = null,
        string hocon = "akka.cluster.min-nr-of-members = 1", Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
        builder.Services.AddSingleton(clock);
        builder.Services.AddFleetKeysServices(entities ?? new EntitySettings(), persistence);
        builder.Services.AddNodeKeys(MasterSecret);
        services?.Invoke(builder.Services);
        builder.Services.AddAkka("fleetkeys", (akka, _) => akka
            .AddFleetKeys(cluster ?? new ClusterSettings { Port = 0 }, persistence)
            .AddHocon("akka.loglevel = WARNING\n" + hocon, HoconAddMode.Prepend));
        var host = builder.Build();
        await host.StartAsync();
        var node = new TestNode(host);
        await node.WhenUp().WaitAsync(TimeSpan.FromSeconds(30));
        return node;
    }

    public Task WhenUp()
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(System).RegisterOnMemberUp(up.SetResult);
        return up.Task;
    }

    public IActorRef Region<TRegion>() => Registry.Get<TRegion>();

    /// <summary>Asks a region and insists on the answer's type, so a rejection fails the test with its message.</summary>
    public async Task<T> Ask<T>(IActorRef region, object message)
    {
        var answer = await region.Ask<object>(message, TimeSpan.FromSeconds(15));
        return answer is T typed ? typed : throw new XunitException($"expected {typeof(T).Name}, got {answer}");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(30));
        _host.Dispose();
    }
}
