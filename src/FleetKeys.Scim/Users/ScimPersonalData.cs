using System.Text.Json;
using FleetKeys.Api.Endpoints;
using FleetKeys.Domain.Ids;
using FleetKeys.Scim.Store;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Scim.Users;

/// <summary>
/// The SCIM user that is the person (a user's id is its person's id), deleted ones' tombstones too: the resource as the
/// provider last wrote it (never a password: it is not stored) and the badges read from it.
/// </summary>
public sealed class ScimPersonalData(ScimDatabase database) : IPersonalDataSource
{
    public string Name => "scimUser";

    public async Task<JsonElement?> Of(PersonId person, CancellationToken cancellationToken)
    {
        await using var db = database.Open();
        var id = person.Value;
        if (await db.GetTable<ScimUserRow>().FirstOrDefaultAsync(u => u.Id == id, cancellationToken) is not { } user) return null;
        return JsonSerializer.SerializeToElement(new
        {
            user.Id, user.Active, user.Deleted, user.Badge, RetiredBadges = UserResource.Retired(user).ToList(),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(user.CreatedAt), ModifiedAt = DateTimeOffset.FromUnixTimeMilliseconds(user.ModifiedAt),
            Resource = JsonDocument.Parse(user.Resource).RootElement,
        }, JsonSerializerOptions.Web);
    }

    /// <summary>The user's row goes, tombstone and all (and its group memberships): its person is erased, not only terminated.</summary>
    public Task Erase(PersonId person, CancellationToken cancellationToken) =>
        database.InTransaction(async db =>
        {
            var id = person.Value;
            await db.GetTable<ScimMemberRow>().Where(m => m.UserId == id).DeleteAsync(cancellationToken);
            return await db.GetTable<ScimUserRow>().Where(u => u.Id == id).DeleteAsync(cancellationToken);
        }, cancellationToken);
}
