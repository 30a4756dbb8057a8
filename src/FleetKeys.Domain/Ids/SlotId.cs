using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

/// <summary>A key slot: "{cabinetId}/{slot}", slots numbered from 1 as printed on the cabinet.</summary>
[JsonConverter(typeof(StringIdJsonConverter<SlotId>))]
public readonly record struct SlotId : IStringId<SlotId>
{
    /// <summary>The most slots a cabinet has: the wire protocol numbers them in one byte.</summary>
    public const int MaxNumber = 255;

    public SlotId(CabinetId cabinet, int number)
    {
        if (number < 1) throw new FormatException("slot number must be 1 or more");
        Cabinet = cabinet;
        Number = number;
    }

    public CabinetId Cabinet { get; }
    public int Number { get; }

    public string Value => $"{Cabinet.Value}/{Number.ToString(CultureInfo.InvariantCulture)}";

    public static SlotId Parse(string value)
    {
        var cut = value.LastIndexOf('/');
        if (cut <= 0 || !int.TryParse(value.AsSpan(cut + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw new FormatException("slot id must look like '{cabinetId}/{slot}'");
        return new SlotId(new CabinetId(value[..cut]), number);
    }

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out SlotId result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
