using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

[JsonConverter(typeof(StringIdJsonConverter<PersonId>))]
public readonly record struct PersonId : IStringId<PersonId>
{
    public PersonId(string value) => Value = IdRules.Require(value, "person id");

    public string Value { get; }

    public static PersonId Parse(string value) => new(value);

    public override string ToString() => Value;
}
