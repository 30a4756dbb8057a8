using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Reports;

[JsonConverter(typeof(StringIdJsonConverter<ReportSubscriptionId>))]
public readonly record struct ReportSubscriptionId : IStringId<ReportSubscriptionId>
{
    public ReportSubscriptionId(string value) => Value = IdRules.Require(value, "report subscription id");

    public string Value { get; }

    public static ReportSubscriptionId Parse(string value) => new(value);

    public static bool TryParse(
        [NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out ReportSubscriptionId result) =>
        StringIds.TryParse(s, out result);

    public static ReportSubscriptionId New() => new("rs-" + Guid.NewGuid().ToString("N")[..16]);

    public override string ToString() => Value;
}
