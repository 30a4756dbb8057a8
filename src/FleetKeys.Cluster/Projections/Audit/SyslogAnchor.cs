using System.Globalization;
using System.Net.Sockets;
using System.Text;
using FleetKeys.Domain.Audit;

namespace FleetKeys.Cluster.Projections.Audit;

/// <summary>
/// Sends each checkpoint to a syslog collector as an RFC 5424 message, facility "log audit" (13), severity notice, its
/// fields as structured data, so the collector's own store keeps the signed heads.
/// </summary>
public sealed class SyslogAnchor(SyslogAnchorSettings settings) : IAuditAnchor
{
    private const int Priority = 13 * 8 + 5;

    /// <summary>The IANA number reserved for documentation (RFC 5612): FleetKeys has none of its own.</summary>
    public const string StructuredDataId = "checkpoint@32473";

    public string Name => "syslog";

    public static string Message(AuditCheckpoint c, string hostname) =>
        string.Create(CultureInfo.InvariantCulture,
            $"<{Priority}>1 {c.SignedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.ffffffZ} {hostname} fleetkeys - audit-checkpoint " +
            $"[{StructuredDataId} number=\"{c.Number}\" seq=\"{c.Seq}\" head=\"{c.Head}\" signedAtTicks=\"{c.SignedAt.UtcTicks}\" " +
            $"keyId=\"{c.KeyId}\" signature=\"{c.Signature}\"] audit checkpoint {c.Number}: row {c.Seq} has hash {c.Head}");

    public async Task Send(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var message = Encoding.UTF8.GetBytes(Message(checkpoint, System.Net.Dns.GetHostName()));
        if (settings.Transport == SyslogTransport.Udp)
        {
            using var udp = new UdpClient();
            await udp.SendAsync(message, settings.Host, settings.Port, cancellationToken);
            return;
        }

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(settings.Host, settings.Port, cancellationToken);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{message.Length.ToString(CultureInfo.InvariantCulture)} "), cancellationToken);
        await stream.WriteAsync(message, cancellationToken);
    }
}
