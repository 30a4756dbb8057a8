using Akka.Persistence.Query;

namespace FleetKeys.Cluster.Projections;

public static class Envelopes
{
    /// <summary>The event's position in the journal: the SQL journal's global ordering, the same on every node and every rebuild.</summary>
    public static long Ordering(this EventEnvelope envelope) => ((Sequence)envelope.Offset).Value;
}

/// <summary>Read-side times are UTC ticks: exact, comparable in SQL and the same on SQLite and PostgreSQL.</summary>
public static class Ticks
{
    public static long Of(DateTimeOffset instant) => instant.UtcTicks;

    public static long? Of(DateTimeOffset? instant) => instant?.UtcTicks;

    public static DateTimeOffset Instant(long ticks) => new(ticks, TimeSpan.Zero);

    public static DateTimeOffset? Instant(long? ticks) => ticks is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null;
}
