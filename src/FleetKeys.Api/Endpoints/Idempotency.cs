using System.Security.Cryptography;
using System.Text;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Projections.Idempotency;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Api.Endpoints;

/// <summary>Marks a command endpoint whose requests may carry an Idempotency-Key.</summary>
public sealed class IdempotentCommand
{
    public static readonly IdempotentCommand Instance = new();

    private IdempotentCommand()
    {
    }
}

public static class IdempotencyExtensions
{
    public static RouteHandlerBuilder Idempotent(this RouteHandlerBuilder endpoint) => endpoint.WithMetadata(IdempotentCommand.Instance);
}

/// <summary>
/// A command sent again with the same Idempotency-Key (per API key) is answered with the first response instead of being
/// carried out again; the same key with a different request is refused (422), and a retry while the first is still being
/// handled is told to wait (409). Responses of 5xx are not kept, so such a request may be retried for real.
/// Runs after authorization: a request that may not run the command never claims a key.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentCommand>() is null
            || context.Request.Headers[Header].FirstOrDefault() is not { } presented)
        {
            await next(context);
            return;
        }

        if (presented.Length is 0 or > 200)
        {
            await new Validator().Fail(Header, "must be 1 to 200 characters").Problem().ExecuteAsync(context);
            return;
        }

        var key = $"{context.User.Identity?.Name}:{presented}";
        var claim = await store.Claim(key, await Fingerprint(context.Request), context.RequestAborted);
        switch (claim)
        {
            case IdempotencyClaim.Mismatch:
                await Refuse(context, StatusCodes.Status422UnprocessableEntity, "this Idempotency-Key was used for a different request");
                return;
            case IdempotencyClaim.Seen { Response.StatusCode: null }:
                await Refuse(context, StatusCodes.Status409Conflict, "a request with this Idempotency-Key is still being handled; retry shortly");
                return;
            case IdempotencyClaim.Seen seen:
                context.Response.StatusCode = seen.Response.StatusCode!.Value;
                context.Response.ContentType = seen.Response.ContentType;
                context.Response.Headers[ReplayedHeader] = "true";
                await context.Response.WriteAsync(seen.Response.Body ?? "", context.RequestAborted);
                return;
        }

        await Execute(context, key);
    }

    private async Task Execute(HttpContext context, string key)
    {
        var original = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        try
        {
            await next(context);
        }
        catch
        {
            await store.Release(key, CancellationToken.None);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        var body = Encoding.UTF8.GetString(captured.ToArray());
        if (context.Response.StatusCode >= 500) await store.Release(key, CancellationToken.None);
        else await store.Complete(key, context.Response.StatusCode, context.Response.ContentType, body, CancellationToken.None);
        captured.Position = 0;
        await captured.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task<string> Fingerprint(HttpRequest request)
    {
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        var text = $"{request.Method}\n{request.Path}{request.QueryString}\n{body}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static Task Refuse(HttpContext context, int status, string detail) =>
        Results.Problem(statusCode: status, title: "Idempotency-Key", detail: detail).ExecuteAsync(context);
}
