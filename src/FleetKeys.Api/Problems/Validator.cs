using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Text;
using FleetKeys.Domain.Time;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Problems;

/// <summary>Collects one message per invalid field and answers with a validation problem that names each of them.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public IResult Problem() => Results.ValidationProblem(_errors, title: "The request is invalid",
        detail: string.Join("; ", _errors.Select(e => $"{e.Key}: {e.Value[0]}")));

    public Validator Fail(string field, string message)
    {
        _errors.TryAdd(field, [message]);
        return this;
    }

    public Validator Check(bool ok, string field, string message) => ok ? this : Fail(field, message);

    public Validator Required(string field, string? value) => Check(!string.IsNullOrWhiteSpace(value), field, "is required");

    public Validator Required<T>(string field, T? value) where T : struct => Check(value.HasValue, field, "is required");

    public Validator Id(string field, string? value, bool required = true) => value is null
        ? Check(!required, field, "is required")
        : Check(IdRules.IsValid(value), field,
            $"must be 1-{IdRules.MaxLength} letters, digits, '.', '_', ':' or '-', starting with a letter or digit");

    public Validator Range(string field, int? value, int min, int max, bool required = true) => value is null
        ? Check(!required, field, "is required")
        : Check(value >= min && value <= max, field, $"must be between {min} and {max}");

    public Validator TimeZone(string field, string? value) => value is null
        ? Fail(field, "is required")
        : Check(SiteTime.IsKnownZone(value), field, "is not a known IANA time zone such as 'Europe/Berlin'");

    /// <summary>A bare address (no display name), as mail is sent to it.</summary>
    public Validator Email(string field, string? value) => value is null
        ? this
        : Check(EmailAddress.IsValid(value), field, "must be an email address such as 'alice@example.com'");

    /// <summary>Text people type for others to read: required unless said otherwise, at most <paramref name="maxLength"/> characters, and plain (<see cref="PlainText"/>).</summary>
    public Validator Text(string field, string? value, int maxLength, bool required = true)
    {
        if (value is null || (required && string.IsNullOrWhiteSpace(value))) return Check(!required, field, "is required");
        if (value.Length > maxLength) return Fail(field, $"must be at most {maxLength} characters");
        return PlainText.Problem(value) is { } problem ? Fail(field, problem) : this;
    }
}
