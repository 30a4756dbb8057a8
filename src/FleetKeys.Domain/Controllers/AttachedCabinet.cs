using System.Collections.Immutable;
using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Controllers;

/// <summary>
/// A cabinet on the controller's bus: its board at the address it is keyed under, and, on a mixed bus, a stock OSDP reader at
/// <paramref name="ReaderAddress"/> that takes its badges and PINs (docs/protocol.md, "A mixed bus").
/// </summary>
public sealed record AttachedCabinet(
    CabinetId Cabinet, bool RequiresPin, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ReaderAddress = null)
    : IFleetKeysMessage;

/// <summary>The bus addresses a controller's devices answer at: each cabinet's board, and the stock readers of mixed cabinets.</summary>
public static class DeviceAddresses
{
    public static IEnumerable<int> Of(ImmutableDictionary<int, AttachedCabinet> cabinets) =>
        cabinets.Keys.Concat(cabinets.Values.Where(a => a.ReaderAddress is not null).Select(a => a.ReaderAddress!.Value));
}
