using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using FleetKeys.Api.Auth;
using FleetKeys.Management;
using FleetKeys.Management.Commands;
using FleetKeys.Ctl.Tests.Support;

namespace FleetKeys.Ctl.Tests;

/// <summary>The management port on its own: where it binds, and what happens when it cannot.</summary>
public sealed class ManagementPortSpecs : IAsyncLifetime
{
    private readonly ActorSystem _system = ActorSystem.Create("management-port-specs");
    private readonly RecordingLoggers _logs = new();
    private readonly ManagementEndpoint _endpoint = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _system.Terminate();
        _logs.Dispose();
    }

    private ManagementServer Server(int port) =>
        new(new ManagementSettings { Port = port }, new ApiKeySettings(), new CommandCatalog([], _system), _endpoint, _logs);

    [Fact]
    public async Task The_port_is_9110_on_loopback_unless_configured()
    {
        var server = Server(0);

        await server.StartAsync(CancellationToken.None);
        await server.StopAsync(CancellationToken.None);
        await server.DisposeAsync();

        Assert.Equal(("127.0.0.1", 9110), (new ManagementSettings().Host, new ManagementSettings().Port));
        Assert.StartsWith("127.0.0.1:", _endpoint.Address);
    }

    [Fact]
    public async Task A_port_in_use_is_logged_and_leaves_the_node_without_a_management_port()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var server = Server(port);

        await server.StartAsync(CancellationToken.None);

        Assert.Null(_endpoint.Address);
        Assert.Contains(_logs.Lines, l => l.StartsWith($"Error: Management port 127.0.0.1:{port} could not be bound")
                                          && l.EndsWith("Set FleetKeys:Management:Port to a free port."));
        await server.DisposeAsync();
    }
}
