using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.Administration;

/// <summary>
/// The origin of the person changes made in the current flow — an API request, a SCIM request, a webhook event, an
/// import — and, for an outside system's event, its version. It is set once where the caller is known and read by
/// <see cref="FleetAdmin"/> for every person command, so no endpoint, palette or console action can forget to pass it on.
/// </summary>
public static class OriginScope
{
    private sealed record Scope(ChangeOrigin Origin, SourceVersion? Sent);

    private static readonly AsyncLocal<Scope?> Scopes = new();

    public static ChangeOrigin? Current => Scopes.Value?.Origin;

    public static SourceVersion? CurrentVersion => Scopes.Value?.Sent;

    /// <summary>
    /// Until disposed, person changes in this flow record <paramref name="origin"/> (an inner scope wins: a webhook event's
    /// id over its key) and, if given, are refused when older than <paramref name="sent"/>'s source has already applied.
    /// </summary>
    public static IDisposable Use(ChangeOrigin origin, SourceVersion? sent = null)
    {
        var outer = Scopes.Value;
        Scopes.Value = new Scope(origin, sent);
        return new Restore(outer);
    }

    private sealed class Restore(Scope? outer) : IDisposable
    {
        public void Dispose() => Scopes.Value = outer;
    }
}
