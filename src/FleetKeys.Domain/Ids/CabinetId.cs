using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

[JsonConverter(typeof(StringIdJsonConverter<CabinetId>))]
public readonly record struct CabinetId : IStringId<CabinetId>
{
    public CabinetId(string value) => Value = IdRules.Require(value, "cabinet id");

    public string Value { get; }

    public static CabinetId Parse(string value) => new(value);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out CabinetId result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
