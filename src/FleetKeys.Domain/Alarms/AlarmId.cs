using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Alarms;

/// <summary>
/// An alarm is named by the journal position of the event that raised it: unique, stable when the read side is rebuilt,
/// and known to every node without coordination.
/// </summary>
[JsonConverter(typeof(StringIdJsonConverter<AlarmId>))]
public readonly record struct AlarmId : IStringId<AlarmId>
{
    public AlarmId(long number)
    {
        if (number < 1) throw new FormatException("alarm id must be a positive number");
        Number = number;
    }

    public long Number { get; }

    public string Value => Number.ToString(CultureInfo.InvariantCulture);

    public static AlarmId Parse(string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? new AlarmId(number)
            : throw new FormatException("alarm id must be a positive number");

    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out AlarmId result) =>
        StringIds.TryParse(s, out result);

    public override string ToString() => Value;
}
