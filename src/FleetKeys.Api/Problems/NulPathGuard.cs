using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Api.Problems;

/// <summary>
/// Kestrel refuses a request whose path holds a NUL (<c>%00</c>) itself, before any middleware runs, with a 400 that has
/// no body — a refusal its maintainers say cannot be customised. This guard sits between the connection and Kestrel: it
/// passes every byte on unchanged while <see cref="RequestFraming"/> finds the request lines, and when one holds a NUL it
/// lets Kestrel finish the requests before it, then answers that one with a problem document and closes the connection.
/// On HTTPS it sees only encrypted bytes and steps aside: Kestrel's own empty 400 stays there.
/// </summary>
public static class NulPathGuard
{
    private static readonly string Body = JsonSerializer.Serialize(new
    {
        type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        title = "Bad request",
        status = 400,
        detail = "The request's path holds a NUL (%00), which no name in this API can contain.",
        errors = new Dictionary<string, string[]> { ["path"] = ["holds a NUL (%00)"] },
    });

    private static readonly byte[] Response = Encoding.ASCII.GetBytes(
        "HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nConnection: close\r\n" +
        $"Content-Length: {Encoding.UTF8.GetByteCount(Body)}\r\n\r\n{Body}");

    /// <summary>Guards every endpoint Kestrel opens from this host's configuration ("urls", Kestrel:Endpoints).</summary>
    public static void GuardEveryEndpoint(this KestrelServerOptions kestrel) =>
        kestrel.ConfigureEndpointDefaults(listen =>
        {
            var log = listen.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(NulPathGuard));
            listen.Use(next => connection => Guard(connection, next, log));
        });

    private static async Task Guard(ConnectionContext connection, ConnectionDelegate next, ILogger log)
    {
        var transport = connection.Transport;
        var toKestrel = new Pipe();
        var output = new HeldCompletionWriter(transport.Output);
        connection.Transport = new Duplex(toKestrel.Reader, output);
        var pump = Pump(transport.Input, toKestrel.Writer);
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = transport;
            transport.Input.CancelPendingRead();
        }

        if (await pump)
        {
            log.LogWarning("Refused a request from {Remote}: its path holds a NUL (%00)", connection.RemoteEndPoint);
            await transport.Output.WriteAsync(Response);
            await transport.Output.CompleteAsync();
        }
        else await transport.Output.CompleteAsync(output.Error);
    }

    /// <summary>Passes the connection's bytes on to Kestrel; true when it stopped at a request line to refuse.</summary>
    private static async Task<bool> Pump(PipeReader from, PipeWriter to)
    {
        var framing = new RequestFraming();
        try
        {
            while (true)
            {
                var result = await from.ReadAsync();
                if (result.IsCanceled) return false;
                var buffer = result.Buffer;
                var (read, refuse) = framing.Scan(buffer);
                foreach (var segment in buffer.Slice(0, read)) await to.WriteAsync(segment);
                if (refuse || result.IsCompleted)
                {
                    if (!refuse) foreach (var segment in buffer.Slice(read)) await to.WriteAsync(segment);
                    from.AdvanceTo(buffer.End);
                    return refuse;
                }

                from.AdvanceTo(buffer.GetPosition(read), buffer.End);
            }
        }
        catch (Exception e) when (e is ConnectionResetException or IOException or OperationCanceledException)
        {
            return false;
        }
        finally
        {
            // Kestrel sees the end of the stream where the refused request starts: it finishes what came before it.
            await to.CompleteAsync();
        }
    }

    private sealed record Duplex(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    /// <summary>Kestrel's writes go straight through; only its end of the connection waits for the guard's answer.</summary>
    private sealed class HeldCompletionWriter(PipeWriter inner) : PipeWriter
    {
        public Exception? Error { get; private set; }

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;

        public override void Advance(int bytes) => inner.Advance(bytes);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => Error = exception;

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);
    }
}
