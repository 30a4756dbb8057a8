using System.Net;
using FleetKeys.Testing;
using Microsoft.Data.Sqlite;

namespace FleetKeys.Node.Tests.Scim;

/// <summary>A SCIM user stored by a version that did not index the work email is found by it once the node starts on a newer one.</summary>
public sealed class ScimLegacyWorkEmailSpecs : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    private void DropWorkEmailColumn()
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(_database.Settings.DataFolder, "fleetkeys.db")};Pooling=False");
        db.Open();
        using var drop = db.CreateCommand();
        drop.CommandText = "DROP INDEX ix_scim_users_work_email; ALTER TABLE scim_users DROP COLUMN work_email_key";
        drop.ExecuteNonQuery();
    }

    [Fact]
    public async Task A_user_stored_before_work_emails_were_indexed_is_found_by_its_work_email()
    {
        var userName = $"legacy-{Guid.NewGuid():N}"[..20] + "@example.com";
        string user;
        await using (var before = await NodeApp.StartAsync(_database.Settings))
            user = await ScimClient.For(before).CreateUser(ProviderRequests.EntraUser(userName, "ext-legacy"));
        DropWorkEmailColumn();

        await using var after = await NodeApp.StartAsync(_database.Settings);
        var found = await ScimClient.For(after).Find("Users", $"emails[type eq \"work\"].value eq \"{userName}\"");

        Assert.Equal(user, found.Single().GetProperty("id").GetString());
        (await ScimClient.For(after).Get($"/scim/v2/Users/{user}")).Expect(HttpStatusCode.OK);
    }
}
