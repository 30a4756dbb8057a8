using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

[JsonConverter(typeof(StringIdJsonConverter<KeyId>))]
public readonly record struct KeyId : IStringId<KeyId>
{
    public KeyId(string value) => Value = IdRules.Require(value, "key id");

    public string Value { get; }

    public static KeyId Parse(string value) => new(value);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out KeyId result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
