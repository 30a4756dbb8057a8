using Akka.Actor;
using FleetKeys.Management;
using FleetKeys.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FleetKeys.Ctl.Tests.Support;

/// <summary>A real node (the executable's own composition root) in this process, with its management port on loopback.</summary>
public sealed class CtlNode : IAsyncDisposable
{
    private CtlNode(WebApplication app) => App = app;

    public WebApplication App { get; }

    public ActorSystem System => Service<ActorSystem>();

    public string Address => Akka.Cluster.Cluster.Get(System).SelfAddress.ToString();

    /// <summary>host:port of the management port, as fleetctl's --node takes it.</summary>
    public string Management => Service<ManagementEndpoint>().Address ?? throw new InvalidOperationException("the management port is not bound");

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <param name="waitUntilUp">False for a node that is not meant to find its cluster by itself.</param>
    public static async Task<CtlNode> Start(NodeOptions options, TimeProvider? clock = null, bool waitUntilUp = true)
    {
        var app = FleetKeysNode.Build(options.Arguments(), builder =>
        {
            if (clock is not null) builder.Services.AddSingleton(clock);
        });
        await app.StartAsync();
        var node = new CtlNode(app);
        if (waitUntilUp)
        {
            var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Akka.Cluster.Cluster.Get(node.System).RegisterOnMemberUp(up.SetResult);
            // Generous: only a bound on a node that never joins; a loaded CI machine can take tens of seconds to start three.
            await up.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }

        return node;
    }

    /// <summary>fleetctl against this node with the admin key.</summary>
    public Task<CtlRun> Ctl(params string[] args) => FleetctlProcess.Run(Management, Keys.Admin, null, args);

    public Task<CtlRun> CtlAs(string token, params string[] args) => FleetctlProcess.Run(Management, token, null, args);

    /// <summary>fleetctl with <paramref name="input"/> as what the operator types.</summary>
    public Task<CtlRun> CtlTyping(string input, params string[] args) => FleetctlProcess.Run(Management, Keys.Admin, input, args);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
