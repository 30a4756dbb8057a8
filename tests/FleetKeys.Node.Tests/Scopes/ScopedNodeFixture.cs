using FleetKeys.Api.Auth;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Scopes;

/// <summary>A node with, beside the test keys of every role, API keys that hold only the grants an admin gives them.</summary>
public sealed class ScopedNodeFixture<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    /// <summary>Grants-only keys by name; each key's secret is its name with a prefix.</summary>
    public static readonly string[] GrantsOnlyKeys = ["region-desk", "site-desk", "vans-desk", "no-grants", "fleet-desk", "region-reader", "site-reader", "vans-reader", "region-watch", "site-watch", "vans-watch"];

    public static string KeyOf(string name) => $"fk_test_{name}";

    public TDatabase Database { get; } = new();

    public NodeApp Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        // After the two keys NodeApp configures (indexes 0 and 1).
        string[] keys = [.. GrantsOnlyKeys.SelectMany((name, i) => new[]
        {
            $"--FleetKeys:Api:Keys:{i + 2}:Name", name, $"--FleetKeys:Api:Keys:{i + 2}:Role", Roles.GrantsOnly,
            $"--FleetKeys:Api:Keys:{i + 2}:Sha256", ApiKeys.Hash(KeyOf(name)),
        })];
        Node = await NodeApp.StartAsync(Database.Settings, null, keys);
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        await Database.DisposeAsync();
    }
}
