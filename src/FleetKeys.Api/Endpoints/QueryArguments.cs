using System.Globalization;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Projections.Queries;

namespace FleetKeys.Api.Endpoints;

/// <summary>
/// Query-string arguments arrive as text and are checked here, so a bad one is a problem naming it rather than the
/// framework's bare 400.
/// </summary>
public static class QueryArguments
{
    /// <summary>Every list's "page" and "pageSize", each within the bounds <see cref="Cluster.Projections.Queries.Paging"/> keeps.</summary>
    public static Paging Paging(this Validator check, string? page, string? pageSize)
    {
        var number = Number(check, "page", page, 1, Cluster.Projections.Queries.Paging.MaxPage) ?? 1;
        var size = Number(check, "pageSize", pageSize, 1, Cluster.Projections.Queries.Paging.MaxPageSize)
                   ?? Cluster.Projections.Queries.Paging.DefaultPageSize;
        return new Paging(number, size);
    }

    public static int? Number(this Validator check, string field, string? value, int min, int max)
    {
        if (value is null) return null;
        var ok = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max;
        check.Check(ok, field, max == int.MaxValue ? $"must be a whole number from {min}" : $"must be a whole number from {min} to {max}");
        return ok ? number : null;
    }

    public static DateTimeOffset? Instant(this Validator check, string field, string? value)
    {
        if (value is null) return null;
        var ok = DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant);
        check.Check(ok, field, "must be an ISO 8601 time such as '2026-06-01T08:00:00Z'");
        return ok ? instant : null;
    }

    /// <summary>An enum named in camelCase (as the API writes them) or in any case.</summary>
    public static T? Choice<T>(this Validator check, string field, string? value) where T : struct, Enum
    {
        if (value is null) return null;
        var ok = Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _);
        check.Check(ok, field, $"must be one of {string.Join(", ", Enum.GetNames<T>().Select(CamelCase))}");
        return ok ? parsed : null;
    }

    public static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    public static void Range(this Validator check, DateTimeOffset? from, DateTimeOffset? to) =>
        check.Check(from is null || to is null || from < to, "to", "must be after from");
}
