using System.Net;
using FleetKeys.Node.Tests.EndToEnd;
using FleetKeys.Protocol;
using FleetKeys.Testing;

namespace FleetKeys.Node.Tests.Scim;

/// <summary>
/// From the identity provider to the cabinet: people provisioned over SCIM are admitted at a simulated cabinet over TCP,
/// and once Entra or Okta deactivates one of them, that person's badge is refused there — and only that person's.
/// </summary>
public abstract class ScimRevocationEndToEndSpecs<TDatabase>(NodeFixture<TDatabase> fixture) : RigSpecs<TDatabase>(fixture) where TDatabase : TestDatabase, new()
{
    private async Task Shows(ByteString badge, Func<string, bool> text)
    {
        Rig.Cabinet.PresentBadge(badge);
        await Rig.Cabinet.WhenText(text, HardwareRig.Within());
    }

    private static bool Welcome(string text) => text.StartsWith("Welcome", StringComparison.Ordinal);

    private static bool Revoked(string text) => text == "Access revoked";

    [Fact]
    public async Task A_user_deactivated_by_an_entra_or_an_okta_request_is_refused_at_the_cabinet()
    {
        // The node is shared with other specs: names, badges and the group are this run's own.
        var unique = Guid.NewGuid().ToString("N")[..8];
        var scim = ScimClient.For(Rig.Node);
        await (await Rig.Admin.Put($"/api/v1/entitlement-groups/Key%20holders%20{unique}", new[] { new { siteId = Rig.Site.Value } }))
            .Read<System.Text.Json.JsonElement>(HttpStatusCode.OK);
        ByteString ada = new(Guid.NewGuid().ToByteArray().AsSpan(0, 4)), grace = new(Guid.NewGuid().ToByteArray().AsSpan(0, 4));
        var adaId = await scim.CreateUser(ProviderRequests.EntraUser($"ada-{unique}@example.com", $"ext-ada-{unique}", ada.ToHex()));
        var graceId = await scim.CreateUser(ProviderRequests.OktaUser($"grace-{unique}@example.com", grace.ToHex()));
        await scim.CreateGroup(ProviderRequests.Group($"Key holders {unique}", adaId, graceId));
        await Shows(ada, Welcome);

        (await scim.Patch($"/scim/v2/Users/{adaId}", ProviderRequests.EntraDeactivate)).Expect(HttpStatusCode.OK);
        await Shows(ada, Revoked);
        await Shows(grace, Welcome);
        (await scim.Patch($"/scim/v2/Users/{graceId}", ProviderRequests.OktaDeactivate)).Expect(HttpStatusCode.OK);
        await Shows(grace, Revoked);

        Assert.False(Rig.Cabinet.Slot(1).IsUnlocked);
    }
}

public sealed class SqliteScimRevocationEndToEndSpecs(NodeFixture<SqliteTestDatabase> fixture) : ScimRevocationEndToEndSpecs<SqliteTestDatabase>(fixture);

public sealed class PostgresScimRevocationEndToEndSpecs(NodeFixture<PostgresTestDatabase> fixture) : ScimRevocationEndToEndSpecs<PostgresTestDatabase>(fixture);
