using FleetKeys.Simulator;

namespace FleetKeys.Node.Demo;

/// <summary>
/// The demo's power incidents, so the power and battery alarms show up and clear themselves without hardware: now and
/// then one cabinet loses mains power, runs its battery low, gets power back and recharges, a step apart.
/// </summary>
internal static class DemoPowerCuts
{
    public static async Task Run(SimulatedCabinet cabinet, DemoSettings settings, CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(settings.PowerCutEvery, stoppingToken);
                cabinet.MainsPower(on: false);
                await Task.Delay(settings.PowerCutStep, stoppingToken);
                cabinet.Battery(15);
                await Task.Delay(settings.PowerCutStep, stoppingToken);
                cabinet.MainsPower(on: true);
                await Task.Delay(settings.PowerCutStep, stoppingToken);
                cabinet.Battery(80);
            }
        }
        catch (OperationCanceledException)
        {
            // the node is stopping
        }
    }
}
