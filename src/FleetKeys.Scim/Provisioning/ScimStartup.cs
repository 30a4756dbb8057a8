using FleetKeys.Scim.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Scim.Provisioning;

/// <summary>
/// Creates the SCIM tables before the node serves requests, then finishes pending reconciliations now and then:
/// a request that failed half-way or a node that stopped mid-change leaves its users marked, and they are completed
/// here even if the provider never repeats the request.
/// </summary>
public sealed class ScimStartup(ScimDatabase database, PersonReconciler reconciler, ILogger<ScimStartup> log) : BackgroundService
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.EnsureSchema(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await reconciler.Sweep(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Finishing pending SCIM changes failed; trying again in {Interval}", SweepInterval);
            }
        }
    }
}
