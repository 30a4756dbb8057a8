using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Api.Problems;

/// <summary>
/// What the server itself refuses about a request while the application reads it (Kestrel's BadHttpRequestException: a body
/// over its route's limit, a broken chunked encoding, a body that stopped arriving) is the client's mistake, not the
/// node's: it is answered with its own status and a sentence the client can act on, and logged as one warning line —
/// never a 500 with a stack trace.
/// </summary>
public static class RefusedRequests
{
    public static (int Status, string Detail) Describe(HttpContext context, BadHttpRequestException refused) =>
        refused.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? (refused.StatusCode, context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
                ? $"the request body is larger than the {limit:N0} bytes this endpoint accepts"
                : "the request body is larger than this endpoint accepts")
            : (refused.StatusCode, refused.Message);

    public static void Log(ILogger log, HttpContext context, int status, string detail) =>
        log.LogWarning("Refused {Method} {Path}: {Status} {Detail}", context.Request.Method, context.Request.Path, status, detail);
}

/// <summary>Answers a request the server refused with a problem document (SCIM answers its own: <see cref="Scim.ScimErrors"/>).</summary>
public sealed class RefusedRequestMiddleware(RequestDelegate next, ILogger<RefusedRequestMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException refused) when (!context.Response.HasStarted)
        {
            var (status, detail) = RefusedRequests.Describe(context, refused);
            RefusedRequests.Log(log, context, status, detail);
            context.Response.Clear();
            context.Response.StatusCode = status;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = status, Title = status == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request", Detail = detail },
            });
        }
    }
}
