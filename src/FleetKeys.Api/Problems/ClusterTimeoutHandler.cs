using Akka.Actor;
using FleetKeys.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Api.Problems;

/// <summary>
/// An entity that does not answer in time (a node starting or overloaded, shards moving after a node left) is the cluster
/// briefly unavailable, not a fault in the request or the server: 503 with Retry-After rather than a bare 500. The command
/// may still take effect after the answer, so the problem says to read before trying again (or to send an Idempotency-Key).
/// </summary>
public sealed class ClusterTimeoutHandler(ILogger<ClusterTimeoutHandler> log) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not AskTimeoutException) return false;
        log.LogWarning("{Method} {Path}: the cluster did not answer in time", context.Request.Method, context.Request.Path);
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await RejectionResults.Problem(Rejection.Of(RejectionCode.Unavailable,
            "The cluster did not answer in time. The request may still take effect: read what it changes before sending it " +
            "again, or send it with an Idempotency-Key.")).ExecuteAsync(context);
        return true;
    }
}
