using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Scim;

/// <summary>What every SCIM spec class needs: one node per class and database, the provider's client and an admin's.</summary>
public abstract class ScimSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : IClassFixture<NodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    protected NodeApp Node { get; } = fixture.Node;

    protected ScimClient Scim { get; } = ScimClient.For(fixture.Node);

    protected HttpClient Admin { get; } = fixture.Node.Client();

    /// <summary>Tests share their class's node, so every name they create is their own.</summary>
    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
