using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

[JsonConverter(typeof(StringIdJsonConverter<BadgeNumber>))]
public readonly record struct BadgeNumber : IStringId<BadgeNumber>
{
    public BadgeNumber(string value) => Value = IdRules.Require(value, "badge number");

    public string Value { get; }

    public static BadgeNumber Parse(string value) => new(value);

    public override string ToString() => Value;
}
