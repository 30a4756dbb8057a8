using System.Text;
using FleetKeys.Cluster.Projections.Queries;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Endpoints;

/// <summary>CSV downloads, written row by row as they are read, so an export of any length never sits in memory.</summary>
public static class Csv
{
    public static IResult Stream<T>(string fileName, IReadOnlyList<string> header, IAsyncEnumerable<T> rows, Func<T, IEnumerable<object?>> fields) =>
        Results.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false));
            await writer.WriteAsync(CsvText.Line(header));
            await foreach (var row in rows) await writer.WriteAsync(CsvText.Line(fields(row)));
        }, "text/csv; charset=utf-8", fileName);

    /// <summary>A download already held in memory, as <see cref="Stream{T}"/> writes it.</summary>
    public static IResult Of(string fileName, IReadOnlyList<string> header, IEnumerable<IEnumerable<object?>> lines) =>
        Results.File(new UTF8Encoding(false).GetBytes(CsvText.Line(header) + string.Concat(lines.Select(CsvText.Line))), "text/csv; charset=utf-8", fileName);
}
