using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FleetKeys.Api.Import;

/// <summary>
/// A dry run's report (an <see cref="ImportReport"/>): the file checked whole first, then its <c>changes</c> written into
/// the response as each batch of rows is compared with the people it names, so the answer is never held whole either.
/// </summary>
public sealed class DryRunAnswer(ImportFile file, PeopleImport import, ImportProgress progress) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        await using var owned = file;
        var cancellationToken = http.RequestAborted;
        var check = await import.Check(file.Read(), progress, cancellationToken);
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        // Into the response's pipe: the serializer flushes the writer after each value, which must not be a blocking write.
        var body = http.Response.BodyWriter;
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteBoolean(Name(nameof(ImportReport.DryRun)), true);
        json.WriteNumber(Name(nameof(ImportReport.Rows)), check.Rows);
        json.WritePropertyName(Name(nameof(ImportReport.Errors)));
        JsonSerializer.Serialize(json, check.Errors, options);
        json.WriteNumber(Name(nameof(ImportReport.Applied)), 0);
        json.WriteNull(Name(nameof(ImportReport.Sha256)));
        json.WriteStartArray(Name(nameof(ImportReport.Changes)));
        if (check.Readable)
            await foreach (var change in import.Changes(file.Read(), cancellationToken))
            {
                JsonSerializer.Serialize(json, change, options);
                if (body.UnflushedBytes >= 16 * 1024) await body.FlushAsync(cancellationToken);
            }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
        await body.FlushAsync(cancellationToken);
        return;

        string Name(string property) => options.PropertyNamingPolicy?.ConvertName(property) ?? property;
    }
}
