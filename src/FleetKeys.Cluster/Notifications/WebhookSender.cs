using System.Net.Http.Headers;
using System.Text;

namespace FleetKeys.Cluster.Notifications;

/// <summary>POSTs a notice to a webhook, signed; anything but a 2xx answer is a failed attempt.</summary>
public sealed class WebhookSender(HttpClient http)
{
    public async Task Send(SubscriptionRow subscription, DeliveryRow delivery, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Of(subscription.Secret!, body));
        request.Headers.Add(WebhookSignature.IdempotencyHeader, delivery.NoticeId);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new NotificationFailed($"the webhook answered {(int)response.StatusCode} {response.ReasonPhrase}");
    }
}

/// <summary>An attempt that did not deliver; its message is kept on the delivery.</summary>
public sealed class NotificationFailed(string message) : Exception(message);
