using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

/// <summary>
/// A request for approval of one key: "{cabinetId}~{slot}~{random}". The request lives with its key's slot, so the id names
/// the slot and a decision goes straight to the one entity that decides it (no directory to ask, no read side to wait for);
/// '~' is URL-safe and never part of a cabinet id.
/// </summary>
[JsonConverter(typeof(StringIdJsonConverter<ApprovalRequestId>))]
public readonly record struct ApprovalRequestId(SlotId Slot, Guid Guid) : IStringId<ApprovalRequestId>
{
    public string Value => $"{Slot.Cabinet.Value}~{Slot.Number.ToString(CultureInfo.InvariantCulture)}~{Guid:N}";

    public static ApprovalRequestId New(SlotId slot) => new(slot, Guid.NewGuid());

    public static ApprovalRequestId Parse(string value)
    {
        var parts = value.Split('~');
        if (parts.Length != 3 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || number is < 1 or > SlotId.MaxNumber || !Guid.TryParseExact(parts[2], "N", out var guid))
            throw new FormatException("an approval request id looks like '{cabinetId}~{slot}~{32 hex digits}'");
        return new ApprovalRequestId(new SlotId(new CabinetId(parts[0]), number), guid);
    }

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out ApprovalRequestId result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
