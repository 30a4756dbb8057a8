using System.Net.Http.Headers;
using System.Text;
using FleetKeys.Domain.Security;

namespace FleetKeys.Cluster.Notifications;

/// <summary>POSTs a notice to a webhook, signed and timestamped; anything but a 2xx answer is a failed attempt.</summary>
public sealed class WebhookSender(HttpClient http, TimeProvider clock, SubscriptionSecrets secrets)
{
    /// <summary>The notice's id, the same on every attempt: a receiver drops a repeat.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    public async Task Send(SubscriptionRow subscription, DeliveryRow delivery, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secrets.Open(subscription), timestamp, body));
        request.Headers.Add(IdempotencyHeader, delivery.NoticeId);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new NotificationFailed($"the webhook answered {(int)response.StatusCode} {response.ReasonPhrase}");
    }
}

/// <summary>An attempt that did not deliver; its message is kept on the delivery.</summary>
public sealed class NotificationFailed(string message) : Exception(message);
