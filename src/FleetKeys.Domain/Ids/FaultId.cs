using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace FleetKeys.Domain.Ids;

/// <summary>A system-generated id; new ones are random so concurrent nodes never collide.</summary>
[JsonConverter(typeof(StringIdJsonConverter<FaultId>))]
public readonly record struct FaultId(Guid Guid) : IStringId<FaultId>
{
    public string Value => Guid.ToString("N");

    public static FaultId New() => new(Guid.NewGuid());

    /// <summary>
    /// The id of a fault a cabinet logged, the same however often the controller re-sends the entry, so a repeat reaches the
    /// key as the fault it already has.
    /// </summary>
    public static FaultId Of(string loggedBy) => new(new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(loggedBy)).AsSpan(0, 16)));

    public static FaultId Parse(string value) => new(Guid.ParseExact(value, "N"));

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out FaultId result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
