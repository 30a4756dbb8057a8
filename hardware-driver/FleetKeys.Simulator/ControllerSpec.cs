using FleetKeys.Protocol;

namespace FleetKeys.Simulator;

/// <summary>
/// One simulated controller: its id (from which its secret is derived), the loopback port it
/// listens on (0 = any free one; <see cref="SimulatedController.Describe"/> reports the real one)
/// and the cabinets on its bus.
/// </summary>
public sealed record ControllerSpec(string ControllerId, ValueList<CabinetSpec> Cabinets, int Port = 0)
{
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ControllerId);
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, ushort.MaxValue);
        if (Cabinets.Count == 0) throw new ArgumentException($"controller {ControllerId} serves at least one cabinet");
        foreach (var cabinet in Cabinets) cabinet.Validate();
        var addresses = Cabinets.SelectMany(c => c.Addresses).ToList();
        if (addresses.Distinct().Count() != addresses.Count)
            throw new ArgumentException($"controller {ControllerId}: two devices share a bus address");
    }
}
