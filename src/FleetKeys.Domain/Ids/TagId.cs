using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

[JsonConverter(typeof(StringIdJsonConverter<TagId>))]
public readonly record struct TagId : IStringId<TagId>
{
    public TagId(string value) => Value = IdRules.Require(value, "tag id");

    public string Value { get; }

    public static TagId Parse(string value) => new(value);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out TagId result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
