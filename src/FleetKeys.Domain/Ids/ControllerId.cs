using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

[JsonConverter(typeof(StringIdJsonConverter<ControllerId>))]
public readonly record struct ControllerId : IStringId<ControllerId>
{
    public ControllerId(string value) => Value = IdRules.Require(value, "controller id");

    public string Value { get; }

    public static ControllerId Parse(string value) => new(value);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out ControllerId result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
