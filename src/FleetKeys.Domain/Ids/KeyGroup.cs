using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

[JsonConverter(typeof(StringIdJsonConverter<KeyGroup>))]
public readonly record struct KeyGroup : IStringId<KeyGroup>
{
    public KeyGroup(string value) => Value = IdRules.Require(value, "key group");

    public string Value { get; }

    public static KeyGroup Parse(string value) => new(value);

    public override string ToString() => Value;
}
