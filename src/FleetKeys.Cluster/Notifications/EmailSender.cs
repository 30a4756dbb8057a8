using System.Text.Json;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.Ids;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace FleetKeys.Cluster.Notifications;

/// <summary>
/// Mails a notice over SMTP to the subscription's addresses and, if it asks for them, to the person the alarm names (the
/// key's holder) and that person's manager, as the person entity knows them at sending time.
/// </summary>
public sealed class EmailSender(SmtpSettings smtp, FleetAdmin admin)
{
    public async Task Send(SubscriptionRow subscription, DeliveryRow delivery, CancellationToken cancellationToken)
    {
        var recipients = SubscriptionRow.Split(subscription.Recipients).ToList();
        if (delivery.PersonId is { } personId && (subscription.ToHolder || subscription.ToManager))
        {
            var person = (await admin.GetPerson(new PersonId(personId))).Value;
            if (subscription.ToHolder && person?.Email is { } own) recipients.Add(own);
            if (subscription.ToManager && person?.Manager is { } managerId && (await admin.GetPerson(managerId)).Value?.Email is { } boss)
                recipients.Add(boss);
        }

        if (recipients.Count == 0) throw new NotificationFailed("nobody to write to: no address, or the person or manager has no email");
        var notice = JsonSerializer.Deserialize<Notice>(delivery.Payload, NotificationsProjection.Json)!;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        foreach (var recipient in recipients.Distinct(StringComparer.OrdinalIgnoreCase)) message.To.Add(MailboxAddress.Parse(recipient));
        // The same id on every attempt lets mail systems recognise a repeat.
        message.MessageId = $"{delivery.DeliveryId.Replace(':', '.')}@fleetkeys";
        message.Subject = $"FleetKeys {notice.Kind}" + (notice.CabinetId is null ? "" : $" at {notice.CabinetId}") +
            (notice.Slot is null ? "" : $" slot {notice.Slot}");
        message.Body = new TextPart("plain")
        {
            Text = $"{notice.Detail}\n\nkind: {notice.Kind}\nraised: {notice.RaisedAt:u}\nsite: {notice.SiteId}\ncabinet: {notice.CabinetId}\n" +
                $"slot: {notice.Slot}\nperson: {notice.PersonId}\nnotice: {notice.Id}\n",
        };

        await Deliver(message, cancellationToken);
    }

    /// <summary>Mails a scheduled report to its mailbox, the CSV attached.</summary>
    public async Task SendReport(DeliveryRow delivery, CancellationToken cancellationToken)
    {
        var report = JsonSerializer.Deserialize<ReportMail>(delivery.Payload, NotificationsProjection.Json)!;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(report.Mailbox));
        message.MessageId = $"{delivery.DeliveryId.Replace(':', '.')}@fleetkeys";
        message.Subject = report.Subject;
        var body = new BodyBuilder { TextBody = report.Text };
        body.Attachments.Add(report.FileName, System.Text.Encoding.UTF8.GetBytes(report.Csv), new ContentType("text", "csv") { Charset = "utf-8" });
        message.Body = body.ToMessageBody();
        await Deliver(message, cancellationToken);
    }

    private async Task Deliver(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.StartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None,
            cancellationToken);
        if (smtp.UserName is { } user) await client.AuthenticateAsync(user, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
