using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Api.Endpoints;

/// <summary>A slot's number in a URL: one no cabinet can have names nothing, so it is a 404 like an unknown cabinet (see <see cref="RouteIds"/>).</summary>
public readonly record struct SlotNumber(int Value) : IParsable<SlotNumber>
{
    public SlotId In(CabinetId cabinet) => new(cabinet, Value);

    public static SlotNumber Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var number) ? number : throw new FormatException($"'{s}' is not a slot number");

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SlotNumber result)
    {
        var ok = int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= SlotId.MaxNumber;
        result = ok ? new SlotNumber(number) : default;
        return ok;
    }

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}
