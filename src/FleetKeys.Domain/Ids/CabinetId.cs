using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

[JsonConverter(typeof(StringIdJsonConverter<CabinetId>))]
public readonly record struct CabinetId : IStringId<CabinetId>
{
    public CabinetId(string value) => Value = IdRules.Require(value, "cabinet id");

    public string Value { get; }

    public static CabinetId Parse(string value) => new(value);

    public override string ToString() => Value;
}
