using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

/// <summary>A system-generated id; new ones are random so concurrent nodes never collide.</summary>
[JsonConverter(typeof(StringIdJsonConverter<GrantId>))]
public readonly record struct GrantId(Guid Guid) : IStringId<GrantId>
{
    public string Value => Guid.ToString("N");

    public static GrantId New() => new(Guid.NewGuid());

    public static GrantId Parse(string value) => new(Guid.Parse(value));

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out GrantId result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
