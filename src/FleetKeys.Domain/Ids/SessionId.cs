using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

/// <summary>A system-generated id; new ones are random so concurrent nodes never collide.</summary>
[JsonConverter(typeof(StringIdJsonConverter<SessionId>))]
public readonly record struct SessionId(Guid Guid) : IStringId<SessionId>
{
    public string Value => Guid.ToString("N");

    public static SessionId New() => new(Guid.NewGuid());

    public static SessionId Parse(string value) => new(Guid.Parse(value));

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out SessionId result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
