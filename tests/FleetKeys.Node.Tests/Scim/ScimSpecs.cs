using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Scim;

/// <summary>What every SCIM spec class needs: a node, the provider's client and an admin's.</summary>
public abstract class ScimSpecs(NodeApp node)
{
    protected NodeApp Node { get; } = node;

    protected ScimClient Scim { get; } = ScimClient.For(node);

    protected HttpClient Admin { get; } = node.Client();

    /// <summary>Tests share their node, so every name they create is their own.</summary>
    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}

/// <summary>SCIM specs on the node shared per database.</summary>
public abstract class ScimSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : ScimSpecs(fixture.Node), IClassFixture<NodeFixture<TDatabase>>
    where TDatabase : TestDatabase, new();
