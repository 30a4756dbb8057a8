using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

[JsonConverter(typeof(StringIdJsonConverter<PersonId>))]
public readonly record struct PersonId : IStringId<PersonId>
{
    public PersonId(string value) => Value = IdRules.Require(value, "person id");

    public string Value { get; }

    public static PersonId Parse(string value) => new(value);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out PersonId result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
