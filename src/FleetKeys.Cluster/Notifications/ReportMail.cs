namespace FleetKeys.Cluster.Notifications;

/// <summary>
/// A scheduled report on its way to a mailbox: the body of its delivery in the outbox, so it is retried and dead-lettered
/// as an alarm's notice is. The CSV is made once, when the report falls due; every attempt sends the same one.
/// </summary>
public sealed record ReportMail(string Mailbox, string Subject, string Text, string FileName, string Csv)
{
    /// <summary>The <see cref="DeliveryRow.Kind"/> of a report's delivery, which has no alarm subscription behind it.</summary>
    public const string Kind = "report";
}
