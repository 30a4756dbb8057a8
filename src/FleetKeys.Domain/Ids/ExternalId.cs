using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

/// <summary>
/// A person's id in an outside system — the access-control system's cardholder id — named with the system it comes from:
/// the same cardholder id under two sources is two external ids. The source has no ':', so <see cref="Value"/>
/// ("source:cardholder", its form in JSON and in entity ids) names one pair only.
/// </summary>
[JsonConverter(typeof(StringIdJsonConverter<ExternalId>))]
public readonly record struct ExternalId : ISealableId<ExternalId>
{
    public ExternalId(string source, string cardholder)
    {
        Source = IsSource(source) ? source : throw new FormatException($"an external id's source must be an id without ':' ({source})");
        Cardholder = IdRules.Require(cardholder, "cardholder id");
        Value = $"{Source}:{Cardholder}";
    }

    private ExternalId(string sealedForm) => (Source, Cardholder, Value) = ("", "", sealedForm);

    /// <summary>
    /// An external id whose person was erased: only its sealed form is left (<see cref="People.ErasedPerson"/>), kept as
    /// read so the fact writes back as it was stored. It names no source or cardholder, and equals no id anyone links.
    /// </summary>
    public static ExternalId Erased(string sealedForm) =>
        People.ErasedPerson.IsSealed(sealedForm) ? new(sealedForm) : throw new FormatException("not a sealed external id");

    public string Source { get; }

    public string Cardholder { get; }

    public string Value { get; }

    public static bool IsSource(string? source) => IdRules.IsValid(source) && !source!.Contains(':');

    public static ExternalId Parse(string value) =>
        value.IndexOf(':') is > 0 and var colon ? new(value[..colon], value[(colon + 1)..]) : throw new FormatException($"'{value}' is not source:cardholder");

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out ExternalId result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
