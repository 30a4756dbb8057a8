using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using FleetKeys.Testing;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace FleetKeys.Cluster.Tests.Notifications;

/// <summary>
/// A real SMTP server on loopback that keeps every message it is given, with the envelope's recipients; it refuses the
/// address in <see cref="Refuse"/>, quoting it as mail servers do.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    public sealed record Mail(IReadOnlyList<string> Recipients, MimeMessage Message);

    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;

    private SmtpSink(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Received));
        services.Add(new Recipients(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(CancellationToken.None);
    }

    public int Port { get; }

    public ConcurrentQueue<Mail> Received { get; } = new();

    public string? Refuse { get; set; }

    public static SmtpSink Start() => new(FreePort.Next());

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private sealed class Recipients(SmtpSink sink) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            $"{to.User}@{to.Host}" == sink.Refuse
                ? throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.MailboxUnavailable, $"<{to.User}@{to.Host}>: Recipient address rejected: User unknown"))
                : Task.FromResult(true);
    }

    private sealed class Store(ConcurrentQueue<Mail> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            received.Enqueue(new Mail([.. transaction.To.Select(m => $"{m.User}@{m.Host}")], message));
            return SmtpResponse.Ok;
        }
    }
}
