using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

/// <summary>A system-generated id; new ones are random so concurrent nodes never collide.</summary>
[JsonConverter(typeof(StringIdJsonConverter<ReservationId>))]
public readonly record struct ReservationId(Guid Guid) : IStringId<ReservationId>
{
    public string Value => Guid.ToString("N");

    public static ReservationId New() => new(Guid.NewGuid());

    public static ReservationId Parse(string value) => new(Guid.Parse(value));

    public override string ToString() => Value;
}
