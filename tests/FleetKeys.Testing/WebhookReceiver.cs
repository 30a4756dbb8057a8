using System.Collections.Concurrent;
using FleetKeys.Cluster.Notifications;
using FleetKeys.Domain.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace FleetKeys.Testing;

/// <summary>A real HTTP server on loopback that records every webhook call and can be told to fail the next ones.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Call(byte[] Body, string? Timestamp, string? Signature, string? IdempotencyKey)
    {
        public bool SignedWith(string secret) => WebhookSignature.Verify(secret, Timestamp, Signature, Body, out _);
    }

    private readonly WebApplication _app;
    private int _failuresLeft;

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Waits until at least <paramref name="count"/> calls have come in; all of them so far.</summary>
    public async Task<Call[]> AtLeast(int count)
    {
        await Eventually.Holds(() => Assert.True(Calls.Count >= count, $"{Calls.Count} of {count} calls so far"));
        return [.. Calls];
    }

    /// <summary>The next <paramref name="count"/> calls are answered 503; -1 fails every call until told otherwise.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public static async Task<WebhookReceiver> Start()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, $"http://127.0.0.1:{port}/hook");
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = context.Request.Headers;
            receiver.Calls.Enqueue(new Call(body.ToArray(), headers[WebhookSignature.TimestampHeader], headers[WebhookSignature.SignatureHeader],
                headers[WebhookSender.IdempotencyHeader]));
            var failing = Volatile.Read(ref receiver._failuresLeft);
            if (failing == 0) return Results.Ok();
            if (failing > 0) Interlocked.Decrement(ref receiver._failuresLeft);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
