namespace FleetKeys.Cluster.Administration;

/// <summary>
/// The origin of the person changes made in the current flow — an API request, a SCIM request, a webhook event, an
/// import. It is set once where the caller is known and read by <see cref="FleetAdmin"/> for every person command, so no
/// endpoint, palette or console action can forget to pass it on.
/// </summary>
public static class OriginScope
{
    private static readonly AsyncLocal<string?> Origin = new();

    public static string? Current => Origin.Value;

    /// <summary>Until disposed, person changes in this flow record <paramref name="origin"/> (an inner scope wins: a webhook event's id over its key).</summary>
    public static IDisposable Use(string origin)
    {
        var outer = Origin.Value;
        Origin.Value = origin;
        return new Restore(outer);
    }

    private sealed class Restore(string? outer) : IDisposable
    {
        public void Dispose() => Origin.Value = outer;
    }
}
