using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

[JsonConverter(typeof(StringIdJsonConverter<TagId>))]
public readonly record struct TagId : IStringId<TagId>
{
    public TagId(string value) => Value = IdRules.Require(value, "tag id");

    public string Value { get; }

    public static TagId Parse(string value) => new(value);

    public override string ToString() => Value;
}
