using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

/// <summary>
/// A badge number, in one canonical form: upper case, as card readers report their data in hex. Every way in — the API,
/// SCIM, the access-control webhook, CSV import, the demo, the driver, and the journal read back — constructs it here, so
/// "abcd1234" and "ABCD1234" are one badge everywhere: one owner, one credential entity, one allow-list entry.
/// </summary>
[JsonConverter(typeof(StringIdJsonConverter<BadgeNumber>))]
public readonly record struct BadgeNumber : ISealableId<BadgeNumber>
{
    public BadgeNumber(string value) => Value = IdRules.Require(value, "badge number").ToUpperInvariant();

    private BadgeNumber(string sealedForm, bool _) => Value = sealedForm;

    /// <summary>
    /// A badge whose owner was erased: only its sealed form is left (<see cref="People.ErasedPerson"/>), kept as read so
    /// the fact writes back as it was stored. It matches no badge anyone presents.
    /// </summary>
    public static BadgeNumber Erased(string sealedForm) =>
        People.ErasedPerson.IsSealed(sealedForm) ? new(sealedForm, true) : throw new FormatException("not a sealed badge number");

    public string Value { get; }

    /// <summary>
    /// The badge as logs and alarm texts show it (docs/operations.md, "Logs"): its last characters only, at most four and
    /// never more than half, enough to tell two badges apart and too few to copy one or find its owner by.
    /// </summary>
    public string Masked => "**" + Value[^Math.Min(4, Value.Length / 2)..];

    public static BadgeNumber Parse(string value) => new(value);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out BadgeNumber result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
