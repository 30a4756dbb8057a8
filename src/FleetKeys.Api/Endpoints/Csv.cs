using System.Text;
using FleetKeys.Cluster.Projections.Queries;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Endpoints;

/// <summary>CSV downloads, written row by row as they are read, so an export of any length never sits in memory.</summary>
public static class Csv
{
    public static IResult Stream<T>(string fileName, IReadOnlyList<string> header, IAsyncEnumerable<T> rows, Func<T, IEnumerable<object?>> fields) =>
        Download(fileName, header, async writer =>
        {
            await foreach (var row in rows) await writer.WriteAsync(CsvText.Line(fields(row)));
        });

    /// <summary>A download already held in memory, written as <see cref="Stream{T}"/> writes one.</summary>
    public static IResult Of(string fileName, IReadOnlyList<string> header, IEnumerable<IEnumerable<object?>> lines) =>
        Download(fileName, header, async writer =>
        {
            foreach (var line in lines) await writer.WriteAsync(CsvText.Line(line));
        });

    /// <summary>The header, then the lines <paramref name="write"/> writes: UTF-8 without a byte-order mark.</summary>
    private static IResult Download(string fileName, IReadOnlyList<string> header, Func<TextWriter, Task> write) =>
        Results.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false));
            await writer.WriteAsync(CsvText.Line(header));
            await write(writer);
        }, "text/csv; charset=utf-8", fileName);
}
