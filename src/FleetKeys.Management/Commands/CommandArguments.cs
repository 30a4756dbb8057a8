using System.Globalization;
using FleetKeys.Api.Problems;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Management.Commands;

/// <summary>
/// The arguments of one run, already checked against the command's list (required ones present, no unknown ones).
/// Conversions record a message per bad argument in <see cref="Check"/>, answered as one validation problem.
/// <paramref name="by"/> is who runs it (the API key's name), recorded with the changes it makes.
/// </summary>
public sealed class CommandArguments(IReadOnlyDictionary<string, string> values, string by = "")
{
    public Validator Check { get; } = new();

    public string By => by;

    public string Text(string name) => values[name];

    public string? OptionalText(string name) => values.GetValueOrDefault(name);

    public int Int(string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out var raw)) return fallback;
        var ok = int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max;
        Check.Check(ok, name, $"must be a whole number from {min} to {max}");
        return value;
    }

    public T Id<T>(string name) where T : IStringId<T>
    {
        try
        {
            return T.Parse(values[name]);
        }
        catch (FormatException e)
        {
            Check.Fail(name, e.Message);
            return default!;
        }
    }

    /// <summary>One of <paramref name="choices"/>, case-insensitive; absent gives null.</summary>
    public string? Choice(string name, params string[] choices)
    {
        if (!values.TryGetValue(name, out var raw)) return null;
        var match = choices.FirstOrDefault(c => c.Equals(raw, StringComparison.OrdinalIgnoreCase));
        Check.Check(match is not null, name, $"must be one of: {string.Join(", ", choices)}");
        return match;
    }
}
