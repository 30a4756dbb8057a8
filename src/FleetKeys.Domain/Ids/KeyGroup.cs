using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

[JsonConverter(typeof(StringIdJsonConverter<KeyGroup>))]
public readonly record struct KeyGroup : IStringId<KeyGroup>
{
    public KeyGroup(string value) => Value = IdRules.Require(value, "key group");

    public string Value { get; }

    public static KeyGroup Parse(string value) => new(value);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out KeyGroup result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
