using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

/// <summary>A system-generated id; new ones are random so concurrent nodes never collide.</summary>
[JsonConverter(typeof(StringIdJsonConverter<ReservationId>))]
public readonly record struct ReservationId(Guid Guid) : IStringId<ReservationId>
{
    public string Value => Guid.ToString("N");

    public static ReservationId New() => new(Guid.NewGuid());

    public static ReservationId Parse(string value) => new(Guid.Parse(value));

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out ReservationId result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
