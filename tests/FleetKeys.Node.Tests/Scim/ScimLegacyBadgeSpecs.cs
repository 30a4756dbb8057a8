using System.Net;
using System.Text.Json;
using FleetKeys.Testing;
using Microsoft.Data.Sqlite;

namespace FleetKeys.Node.Tests.Scim;

/// <summary>
/// A SCIM user stored by an older version with its badge number in lower case: the node that starts on it stores the number
/// as it is now kept, and the user written again keeps its badge instead of retiring it as if it were another.
/// </summary>
public sealed class ScimLegacyBadgeSpecs : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private string Stored(string user)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(_database.Settings.DataFolder, "fleetkeys.db")};Pooling=False");
        db.Open();
        using var query = db.CreateCommand();
        query.CommandText = "SELECT badge || '|' || COALESCE(retired_badges, '') FROM scim_users WHERE id = $id";
        query.Parameters.AddWithValue("$id", user);
        return (string)query.ExecuteScalar()!;
    }

    private void StoreAsBefore(string user, string badge)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(_database.Settings.DataFolder, "fleetkeys.db")};Pooling=False");
        db.Open();
        using var update = db.CreateCommand();
        update.CommandText = "UPDATE scim_users SET badge = $badge WHERE id = $id";
        update.Parameters.AddWithValue("$badge", badge);
        update.Parameters.AddWithValue("$id", user);
        Assert.Equal(1, update.ExecuteNonQuery());
    }

    [Fact]
    public async Task A_badge_a_scim_user_was_stored_with_in_lower_case_is_kept_upper_case_and_stays_the_persons()
    {
        const string badge = "d7b14d0e";
        var userName = $"legacy-{Guid.NewGuid():N}"[..20] + "@example.com";
        string user;
        await using (var before = await NodeApp.StartAsync(_database.Settings))
            user = await ScimClient.For(before).CreateUser(ProviderRequests.OktaUser(userName, employeeNumber: badge.ToUpperInvariant()));
        StoreAsBefore(user, badge);

        await using var after = await NodeApp.StartAsync(_database.Settings);
        var normalised = Stored(user);
        (await ScimClient.For(after).Put($"/scim/v2/Users/{user}", ProviderRequests.OktaUser(userName, employeeNumber: badge))).Expect(HttpStatusCode.OK);
        var person = await (await after.Client().GetAsync($"/api/v1/people/{user}")).Read<JsonElement>(HttpStatusCode.OK);

        Assert.Equal("D7B14D0E|", normalised);
        Assert.Equal("D7B14D0E|", Stored(user));
        Assert.Equal(["D7B14D0E"], person.GetProperty("badges").EnumerateArray().Select(b => b.GetString()));
    }
}
