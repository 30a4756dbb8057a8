using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

/// <summary>
/// A badge number, in one canonical form: upper case, as card readers report their data in hex. Every way in — the API,
/// SCIM, the access-control webhook, CSV import, the demo, the driver, and the journal read back — constructs it here, so
/// "abcd1234" and "ABCD1234" are one badge everywhere: one owner, one credential entity, one allow-list entry.
/// </summary>
[JsonConverter(typeof(StringIdJsonConverter<BadgeNumber>))]
public readonly record struct BadgeNumber : IStringId<BadgeNumber>
{
    public BadgeNumber(string value) => Value = IdRules.Require(value, "badge number").ToUpperInvariant();

    public string Value { get; }

    public static BadgeNumber Parse(string value) => new(value);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out BadgeNumber result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
