using System.Globalization;
using FleetKeys.Simulator.Activity;
using FleetKeys.Simulator.Fleet;

namespace FleetKeys.Simulator.Cli;

/// <summary>
/// Serves the fleet until cancelled: one line per controller, then a status line every
/// <see cref="CliOptions.StatusEvery"/>; on cancellation it stops the people, then the fleet.
/// </summary>
internal static class SimulatorRun
{
    public static async Task RunAsync(CliOptions options, TextWriter output, TimeProvider time, CancellationToken stopping)
    {
        await using var fleet = new SimulatedFleet(options.Layout, options.MasterSecret, time,
            new SimulatorOptions { ListenAddress = options.Listen });
        await fleet.StartAsync(stopping);
        foreach (var controller in fleet.Controllers)
            await output.WriteLineAsync($"{controller.ControllerId} {options.Listen}:{controller.Port} cabinets "
                + string.Join(",", controller.Cabinets.Select(c => $"{c.CabinetId}@{c.BusAddress}" + (c.Spec.ReaderAddress is { } reader ? $"+reader@{reader}" : ""))));

        using var activity = options.Activity is { } settings
            ? new ActivityScript(fleet.Cabinets, SimulatedPerson.Generate(options.People, options.WithPins), time, settings, fleet.Readers)
            : null;
        activity?.Start();
        // Before the "serving" line, so whoever reads it knows the first status tick is scheduled.
        using var status = new PeriodicTimer(options.StatusEvery, time);
        var layout = options.Layout;
        await output.WriteLineAsync($"serving {layout.Controllers} controllers, {layout.Controllers * layout.CabinetsPerController} cabinets, "
            + $"{layout.Controllers * layout.CabinetsPerController * layout.SlotsPerCabinet} slots"
            + (activity is null ? "" : $", {options.People} people") + "; Ctrl+C to stop");

        try
        {
            while (await status.WaitForNextTickAsync(stopping))
                await output.WriteLineAsync(Status(fleet, activity, time));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM: fall through to a clean shutdown.
        }
        activity?.Stop();
        await output.WriteLineAsync("stopped");
    }

    private static string Status(SimulatedFleet fleet, ActivityScript? activity, TimeProvider time)
    {
        var cabinets = fleet.Cabinets.ToArray();
        var counters = cabinets.Select(c => c.Counters).ToArray();
        var line = $"status {time.GetUtcNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture)}: "
            + $"{cabinets.Count(c => c.IsOnline)}/{cabinets.Length} cabinets online, "
            + $"frames {counters.Sum(c => c.Frames)}, naks {counters.Sum(c => c.Naks)}, rejected {counters.Sum(c => c.Rejected)}, "
            + $"unacknowledged events {cabinets.Sum(c => c.EventLog.Pending.Count)}, "
            + $"keys out {cabinets.Sum(c => c.Slots.Count(s => s.Tag is null))}";
        return activity?.Stats is { } stats
            ? line + $", visits {stats.Started} (taken {stats.Taken}, returned {stats.Returned}, wrong slot {stats.ReturnedToWrongSlot}, abandoned {stats.Abandoned})"
            : line;
    }
}
