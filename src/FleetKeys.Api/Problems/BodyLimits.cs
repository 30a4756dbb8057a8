using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;

namespace FleetKeys.Api.Problems;

/// <summary>
/// How much of a request body each kind of route reads (docs/api.md, "Request bodies"). The server refuses a body over
/// its route's limit while reading it — at once when the announced length is over — so nothing larger is ever buffered.
/// </summary>
public static class BodyLimits
{
    /// <summary>JSON commands and configuration, the access-control webhook, and the default of every route.</summary>
    public const long Command = 64 * 1024;

    /// <summary>A list of entitlements, each with its schedule.</summary>
    public const long Entitlements = 1024 * 1024;

    /// <summary>A people import (CSV).</summary>
    public const long CsvImport = 10 * 1024 * 1024;

    /// <summary>Every SCIM request; advertised as the ServiceProviderConfig's maxPayloadSize.</summary>
    public const long Scim = 2 * 1024 * 1024;

    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes));

    /// <summary>Routing applies it to the request before the endpoint runs; the last one on an endpoint wins over its group's.</summary>
    private sealed record BodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
