namespace FleetKeys.Api.Webhooks;

/// <summary>Section "FleetKeys:Webhooks": the shared secret of the access-control system's signed events.</summary>
public sealed class WebhookSettings
{
    /// <summary>The HMAC key; when absent the webhook answers 503 rather than accept unsigned events.</summary>
    public string? AccessControlSecret { get; set; }

    /// <summary>How far an event's timestamp may be from our clock; older signed events are refused as replays.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    public override string ToString() => $"WebhookSettings {{ Secret = {(AccessControlSecret is null ? "none" : "***")}, Tolerance = {Tolerance} }}";
}
