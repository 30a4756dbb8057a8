using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Scopes;

/// <summary>One grant of a role over a scope to a principal (not a key release's grant, which is a person's).</summary>
[JsonConverter(typeof(StringIdJsonConverter<AccessGrantId>))]
public readonly record struct AccessGrantId : IStringId<AccessGrantId>
{
    public AccessGrantId(string value) => Value = IdRules.Require(value, "access grant id");

    public string Value { get; }

    public static AccessGrantId Parse(string value) => new(value);

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out AccessGrantId result) =>
        StringIds.TryParse(s, out result);

    public static AccessGrantId New() => new("ag-" + Guid.NewGuid().ToString("N")[..16]);

    public override string ToString() => Value;
}
