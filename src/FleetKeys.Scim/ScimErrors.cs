using FleetKeys.Api.Problems;
using FleetKeys.Scim.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Scim;

/// <summary>Every failure of a SCIM endpoint answers in SCIM's error format, never as a problem document or a bare 500.</summary>
public sealed class ScimErrors(ILogger<ScimErrors> log) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ScimException e)
        {
            return ScimResponse.Error(e);
        }
        catch (BadHttpRequestException refused)
        {
            var (status, detail) = RefusedRequests.Describe(context.HttpContext, refused);
            RefusedRequests.Log(log, context.HttpContext, status, detail);
            return ScimResponse.Error(status, null, detail);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "SCIM {Method} {Path} failed", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return ScimResponse.Error(StatusCodes.Status500InternalServerError, null, "the request failed on the server; it can be repeated");
        }
    }
}
