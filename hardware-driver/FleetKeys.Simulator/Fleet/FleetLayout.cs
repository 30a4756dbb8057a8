using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FleetKeys.Protocol;

namespace FleetKeys.Simulator.Fleet;

/// <summary>
/// The shape of a simulated fleet: N controllers × M cabinets × K slots, with deterministic names
/// and tags so a node can register the very same fleet: controller "ctl-01", its cabinets
/// "ctl-01-cab-01"… at bus addresses 1…M, and in slot s of a cabinet the tag <see cref="TagUid"/>.
/// Controller i listens on <see cref="BasePort"/> + i − 1, or on free ports when BasePort is 0. With
/// <see cref="StockReaders"/> every cabinet is a mixed one: a stock OSDP reader at bus address M + m beside board m.
/// </summary>
public sealed record FleetLayout(int Controllers, int CabinetsPerController, int SlotsPerCabinet, int BasePort = 0, bool StockReaders = false)
{
    /// <summary>Bus addresses 1…M, below the broadcast address 0x7F.</summary>
    public const int MaxCabinetsPerController = 126;

    public IReadOnlyList<ControllerSpec> Specs()
    {
        Validate();
        var width = Math.Max(2, Math.Max(Controllers, CabinetsPerController).ToString(CultureInfo.InvariantCulture).Length);
        return [.. Enumerable.Range(1, Controllers).Select(c =>
        {
            var controllerId = $"ctl-{c.ToString($"D{width}", CultureInfo.InvariantCulture)}";
            var cabinets = Enumerable.Range(1, CabinetsPerController).Select(m =>
            {
                var cabinetId = $"{controllerId}-cab-{m.ToString($"D{width}", CultureInfo.InvariantCulture)}";
                return new CabinetSpec((byte)m, cabinetId,
                    new ValueList<ByteString>(Enumerable.Range(1, SlotsPerCabinet).Select(s => TagUid(cabinetId, s))),
                    StockReaders ? (byte)(CabinetsPerController + m) : null);
            });
            return new ControllerSpec(controllerId, new ValueList<CabinetSpec>(cabinets), BasePort == 0 ? 0 : BasePort + c - 1);
        })];
    }

    /// <summary>
    /// A 7-byte UID as an NTAG carries (NXP's 0x04 first), the rest from a hash of cabinet and slot:
    /// stable across runs and distinct across a fleet of any realistic size.
    /// </summary>
    public static ByteString TagUid(string cabinetId, int slot)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"fleetkeys/tag/{cabinetId}/{slot}"));
        return new ByteString([0x04, .. hash.AsSpan(0, 6)]);
    }

    private void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Controllers, 1, nameof(Controllers));
        ArgumentOutOfRangeException.ThrowIfLessThan(CabinetsPerController, 1, nameof(CabinetsPerController));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CabinetsPerController, StockReaders ? MaxCabinetsPerController / 2 : MaxCabinetsPerController,
            nameof(CabinetsPerController));
        ArgumentOutOfRangeException.ThrowIfLessThan(SlotsPerCabinet, 1, nameof(SlotsPerCabinet));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SlotsPerCabinet, CabinetSpec.MaxSlots, nameof(SlotsPerCabinet));
        if (BasePort != 0 && (BasePort < 1 || BasePort + Controllers - 1 > ushort.MaxValue))
            throw new ArgumentOutOfRangeException(nameof(BasePort), BasePort, $"{Controllers} ports from the base port must lie in 1-65535");
    }
}
