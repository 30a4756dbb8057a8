using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

[JsonConverter(typeof(StringIdJsonConverter<SiteId>))]
public readonly record struct SiteId : IStringId<SiteId>
{
    public SiteId(string value) => Value = IdRules.Require(value, "site id");

    public string Value { get; }

    public static SiteId Parse(string value) => new(value);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out SiteId result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
