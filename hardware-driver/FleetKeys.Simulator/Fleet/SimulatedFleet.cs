using FleetKeys.Protocol.Security;

namespace FleetKeys.Simulator.Fleet;

/// <summary>
/// A whole simulated fleet on loopback: the controllers of a <see cref="FleetLayout"/>, each with
/// its secret derived from one master secret, for tests, demos and benchmarks.
/// </summary>
public sealed class SimulatedFleet : IAsyncDisposable
{
    private readonly Dictionary<string, SimulatedController> _controllers;
    private readonly Dictionary<string, SimulatedCabinet> _cabinets;

    public SimulatedFleet(FleetLayout layout, ReadOnlySpan<byte> masterSecret, TimeProvider time, SimulatorOptions? options = null)
    {
        var specs = layout.Specs();
        var controllers = new List<SimulatedController>(specs.Count);
        foreach (var spec in specs)
            controllers.Add(new SimulatedController(spec, ControllerSecret.Derive(masterSecret, spec.ControllerId), time, options));
        Layout = layout;
        Controllers = controllers;
        _controllers = controllers.ToDictionary(c => c.ControllerId);
        _cabinets = Cabinets.ToDictionary(c => c.CabinetId);
    }

    public FleetLayout Layout { get; }

    public IReadOnlyList<SimulatedController> Controllers { get; }

    /// <summary>Every cabinet, controller by controller, in bus address order.</summary>
    public IEnumerable<SimulatedCabinet> Cabinets => Controllers.SelectMany(c => c.Cabinets);

    /// <summary>The stock readers of mixed cabinets (<see cref="FleetLayout.StockReaders"/>), controller by controller.</summary>
    public IEnumerable<SimulatedReader> Readers => Controllers.SelectMany(c => c.Readers);

    public SimulatedController Controller(string controllerId) =>
        _controllers.TryGetValue(controllerId, out var controller)
            ? controller
            : throw new KeyNotFoundException($"the fleet has no controller {controllerId}");

    public SimulatedCabinet Cabinet(string cabinetId) =>
        _cabinets.TryGetValue(cabinetId, out var cabinet)
            ? cabinet
            : throw new KeyNotFoundException($"the fleet has no cabinet {cabinetId}");

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        foreach (var controller in Controllers) await controller.StartAsync(cancellationToken);
    }

    /// <summary>The running fleet, with the real ports: what a node registers.</summary>
    public FleetDescription Describe() => new(SimulatedController.Host, [.. Controllers.Select(c => c.Describe())]);

    public async ValueTask DisposeAsync()
    {
        foreach (var controller in Controllers) await controller.DisposeAsync();
    }
}
