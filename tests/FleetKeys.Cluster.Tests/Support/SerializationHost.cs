using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FleetKeys.Cluster.Tests.Support;

/// <summary>An actor system with the node's serialization and nothing else: Akka picks serializers as a node's would.</summary>
public sealed class SerializationHost : IAsyncLifetime
{
    private IHost _host = null!;

    public Akka.Serialization.Serialization Serialization { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAkka("serialization", (akka, _) => akka.AddFleetKeysSerialization());
        _host = builder.Build();
        await _host.StartAsync();
        Serialization = _host.Services.GetRequiredService<ActorSystem>().Serialization;
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
