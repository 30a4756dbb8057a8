using System.Globalization;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace FleetKeys.Api.Endpoints;

/// <summary>
/// One request's query string, read as typed arguments: each read checks its argument and notes a bad one under its
/// name, so it is a problem naming it rather than the framework's bare 400. Every query record of a request reads from
/// the same instance, so the problem names every bad argument, whichever record read it.
/// </summary>
public sealed class QueryArguments
{
    private readonly HttpContext _context;
    private readonly Validator _check = new();
    private readonly List<string> _names = [];
    private readonly List<string> _headers = [];

    private QueryArguments(HttpContext context) => _context = context;

    public static QueryArguments Of(HttpContext context)
    {
        if (context.Items[typeof(QueryArguments)] is not QueryArguments arguments)
            context.Items[typeof(QueryArguments)] = arguments = new QueryArguments(context);
        return arguments;
    }

    public IResult? Problem() => _check.IsValid ? null : _check.Problem();

    /// <summary>The names of the arguments read so far, and of the headers, as OpenAPI describes them.</summary>
    public QueryArgumentNames Names => new([.. _names], [.. _headers]);

    /// <summary>When the request is answered, for defaults such as "the last 30 days".</summary>
    public DateTimeOffset Now => _context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>The argument as sent (repeated, its values joined by commas), unchecked.</summary>
    public string? Raw(string field) => Values(field);

    public string? Header(string name)
    {
        if (!_headers.Contains(name)) _headers.Add(name);
        return _context.Request.Headers[name].FirstOrDefault();
    }

    public void Check(bool ok, string field, string message) => _check.Check(ok, field, message);

    /// <summary>An optional id of something (a site, a cabinet, a person…).</summary>
    public string? Id(string field)
    {
        var value = Raw(field);
        _check.Id(field, value, required: false);
        return value;
    }

    /// <summary>Optional plain text of at most <paramref name="maxLength"/> characters, as sent.</summary>
    public string? Text(string field, int maxLength)
    {
        var value = Raw(field);
        _check.Text(field, value, maxLength, required: false);
        return value;
    }

    /// <summary>The "search" term of a list: trimmed, and none when blank.</summary>
    public string? Search() => Text("search", 100) is { } term && !string.IsNullOrWhiteSpace(term) ? term.Trim() : null;

    /// <summary>"true" or "false"; none when absent.</summary>
    public bool? Flag(string field)
    {
        var value = Raw(field);
        _check.Check(value is null or "true" or "false", field, "must be true or false");
        return value is null ? null : value == "true";
    }

    public int? Number(string field, int min, int max)
    {
        var value = Raw(field);
        if (value is null) return null;
        var ok = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max;
        _check.Check(ok, field, max == int.MaxValue ? $"must be a whole number from {min}" : $"must be a whole number from {min} to {max}");
        return ok ? number : null;
    }

    /// <summary>Every list's "page" and "pageSize", each within the bounds <see cref="Cluster.Projections.Queries.Paging"/> keeps.</summary>
    public Paging Paging() => new(Number("page", 1, Cluster.Projections.Queries.Paging.MaxPage) ?? 1,
        Number("pageSize", 1, Cluster.Projections.Queries.Paging.MaxPageSize) ?? Cluster.Projections.Queries.Paging.DefaultPageSize);

    /// <summary>"from" and "to", each open unless given a default; "to" must be after "from".</summary>
    public (DateTimeOffset? From, DateTimeOffset? To) Period(DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var period = (From: Instant("from") ?? from, To: Instant("to") ?? to);
        _check.Check(period.From is null || period.To is null || period.From < period.To, "to", "must be after from");
        return period;
    }

    /// <summary>An enum named in camelCase (as the API writes them) or in any case.</summary>
    public T? Choice<T>(string field) where T : struct, Enum => Choice<T>(field, Raw(field));

    /// <summary>Each value of an argument that may repeat (<c>?status=out&amp;status=overdue</c>).</summary>
    public IReadOnlyList<T> Choices<T>(string field) where T : struct, Enum =>
        [.. Values(field).Select(value => Choice<T>(field, value)).OfType<T>()];

    private StringValues Values(string field)
    {
        if (!_names.Contains(field)) _names.Add(field);
        return _context.Request.Query[field];
    }

    private DateTimeOffset? Instant(string field)
    {
        var value = Raw(field);
        if (value is null) return null;
        var ok = DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant);
        _check.Check(ok, field, "must be an ISO 8601 time such as '2026-06-01T08:00:00Z'");
        return ok ? instant : null;
    }

    private T? Choice<T>(string field, string? value) where T : struct, Enum
    {
        if (value is null) return null;
        var ok = Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _);
        _check.Check(ok, field, $"must be one of {string.Join(", ", Enum.GetNames<T>().Select(WireNames.CamelCase))}");
        return ok ? parsed : null;
    }
}

/// <summary>What a query record reads: its query-string arguments, and any headers that stand in for one.</summary>
public sealed record QueryArgumentNames(IReadOnlyList<string> Query, IReadOnlyList<string> Headers);
