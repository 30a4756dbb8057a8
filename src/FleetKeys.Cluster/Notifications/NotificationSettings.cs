namespace FleetKeys.Cluster.Notifications;

/// <summary>Section "FleetKeys:Notifications": how deliveries are retried and where email goes out.</summary>
public sealed class NotificationSettings
{
    /// <summary>Failed attempts after which a delivery becomes a dead letter (listed by the API, retried by hand).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The pause after the first failure; it doubles after each further one, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often due deliveries are looked for.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public SmtpSettings Smtp { get; set; } = new();

    public TimeSpan RetryDelay(int failures)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Min(failures - 1, 30));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}

public sealed class SmtpSettings
{
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    public string From { get; set; } = "fleetkeys@localhost";

    /// <summary>Use STARTTLS when the server offers it; false sends in the clear (a relay on the same host or network).</summary>
    public bool StartTls { get; set; } = true;

    public string? UserName { get; set; }
    public string? Password { get; set; }
}
