using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.Ids;
using FleetKeys.Simulator;

namespace FleetKeys.Node.Demo;

/// <summary>
/// The demo's inventory discrepancies, so the reconciliation report has rows and the inventoryDiscrepancy alarm shows up and
/// clears itself without hardware: now and then a slot's tag reader fails while its key is in, the control room's inventory
/// finds the key missing, and when the reader works again the next inventory resolves it.
/// </summary>
internal static class DemoTagReaderFaults
{
    public const string By = "demo";

    public static async Task Run(SimulatedCabinet cabinet, FleetCommands fleet, DemoSettings settings, ILogger log, CancellationToken stoppingToken)
    {
        var cabinetId = new CabinetId(cabinet.CabinetId);
        try
        {
            while (true)
            {
                await Task.Delay(settings.TagReaderFaultEvery, stoppingToken);
                // A slot holding its own key: one whose key is out cannot be missing.
                if (cabinet.Slots.FirstOrDefault(s => s.Tag == s.HomeTag) is not { } slot) continue;
                cabinet.TagReader(slot.Slot, working: false);
                await TakeInventory(fleet, cabinetId, log);
                await Task.Delay(settings.TagReaderFaultStep, stoppingToken);
                cabinet.TagReader(slot.Slot, working: true);
                await TakeInventory(fleet, cabinetId, log);
            }
        }
        catch (OperationCanceledException)
        {
            // the node is stopping
        }
    }

    /// <summary>
    /// A cabinet offline just then, or a cluster too busy to answer, takes its inventory after its next handshake anyway, so
    /// a refusal is only noted.
    /// </summary>
    private static async Task TakeInventory(FleetCommands fleet, CabinetId cabinet, ILogger log)
    {
        try
        {
            if ((await fleet.TakeInventory(cabinet, By)).Rejection is { } no)
                log.LogInformation("Demo inventory of {Cabinet} not taken: {Reason}", cabinet, no.Message);
        }
        catch (Exception e) when (e is Akka.Actor.AskTimeoutException or TimeoutException)
        {
            log.LogInformation("Demo inventory of {Cabinet} not taken: {Reason}", cabinet, e.Message);
        }
    }
}
