using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

[JsonConverter(typeof(StringIdJsonConverter<DeliveryId>))]
public readonly record struct DeliveryId : IStringId<DeliveryId>
{
    public DeliveryId(string value) => Value = IdRules.Require(value, "delivery id");

    public string Value { get; }

    public static DeliveryId Parse(string value) => new(value);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out DeliveryId result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
