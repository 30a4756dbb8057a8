using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Scopes;

[JsonConverter(typeof(StringIdJsonConverter<RegionId>))]
public readonly record struct RegionId : IStringId<RegionId>
{
    public RegionId(string value) => Value = IdRules.Require(value, "region id");

    public string Value { get; }

    public static RegionId Parse(string value) => new(value);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out RegionId result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
