using FleetKeys.Scim.Protocol;
using FleetKeys.Scim.Users;
using FleetKeys.Cluster.Persistence;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FleetKeys.Scim.Store;

/// <summary>
/// The SCIM feature's own tables, in the node's database (SQLite or PostgreSQL): what providers wrote, for reading back,
/// filtering and paging. Decisions about people stay with the Person entities; these tables only say what to ask of them.
/// </summary>
public sealed class ScimDatabase(PersistenceSettings settings)
{
    private const int Attempts = 5;

    private readonly DataOptions _options = DatabaseConnections.For(settings, settings.ResolveConnectionString());

    public DataConnection Open() => new(_options);

    /// <summary>Every statement is "if not exists", and nodes create one at a time (<see cref="SchemaCreation"/>).</summary>
    public Task EnsureSchema(CancellationToken cancellationToken) =>
        SchemaCreation.OneNodeAtATime(settings, settings.ResolveConnectionString(), () => CreateSchema(cancellationToken), cancellationToken);

    private async Task CreateSchema(CancellationToken cancellationToken)
    {
        await using var db = Open();
        await db.CreateTableAsync<ScimUserRow>(tableOptions: TableOptions.CreateIfNotExists, token: cancellationToken);
        await db.CreateTableAsync<ScimGroupRow>(tableOptions: TableOptions.CreateIfNotExists, token: cancellationToken);
        await db.CreateTableAsync<ScimMemberRow>(tableOptions: TableOptions.CreateIfNotExists, token: cancellationToken);
        await db.CreateTableAsync<EntitlementGroupRow>(tableOptions: TableOptions.CreateIfNotExists, token: cancellationToken);
        if (await MissingColumns.Add(db, settings.Provider == DatabaseProvider.Postgres, "scim_users", "work_email_key", "TEXT NULL", cancellationToken))
            await FillWorkEmails(db, cancellationToken);
        // Unique indexes allow many NULLs on both databases: tombstones give up their userName, users without a badge share none.
        string[] indexes =
        [
            "CREATE UNIQUE INDEX IF NOT EXISTS ux_scim_users_user_name ON scim_users (user_name_key)",
            "CREATE UNIQUE INDEX IF NOT EXISTS ux_scim_users_badge ON scim_users (badge)",
            "CREATE INDEX IF NOT EXISTS ix_scim_users_external_id ON scim_users (external_id)",
            "CREATE INDEX IF NOT EXISTS ix_scim_users_display_name ON scim_users (display_name_key)",
            "CREATE INDEX IF NOT EXISTS ix_scim_users_employee_number ON scim_users (employee_number_key)",
            "CREATE INDEX IF NOT EXISTS ix_scim_users_work_email ON scim_users (work_email_key)",
            "CREATE INDEX IF NOT EXISTS ix_scim_users_pending ON scim_users (pending)",
            "CREATE UNIQUE INDEX IF NOT EXISTS ux_scim_groups_display_name ON scim_groups (display_name_key)",
            "CREATE INDEX IF NOT EXISTS ix_scim_group_members_user ON scim_group_members (user_id)",
        ];
        foreach (var index in indexes) await db.ExecuteAsync(index, cancellationToken);
        // Badge numbers are upper case now (BadgeNumber); a row an older version stored otherwise follows, unless another
        // row already holds the number in upper case (then the directory decides whose it is, and this one is retired).
        await db.ExecuteAsync("""
            UPDATE scim_users SET badge = UPPER(badge) WHERE badge <> UPPER(badge)
              AND NOT EXISTS (SELECT 1 FROM scim_users other WHERE other.badge = UPPER(scim_users.badge))
            """, cancellationToken);
        await db.ExecuteAsync("UPDATE scim_users SET retired_badges = UPPER(retired_badges) WHERE retired_badges <> UPPER(retired_badges)",
            cancellationToken);
    }

    /// <summary>Users stored before the work email was indexed are found by it too: the index is read from their stored resource.</summary>
    private static async Task FillWorkEmails(DataConnection db, CancellationToken cancellationToken)
    {
        var users = await db.GetTable<ScimUserRow>().Where(u => !u.Deleted).Select(u => new { u.Id, u.Resource }).ToListAsync(cancellationToken);
        foreach (var user in users)
        {
            if (UserResource.WorkEmail(ScimJson.Parse(user.Resource)) is not { } email) continue;
            await db.GetTable<ScimUserRow>().Where(u => u.Id == user.Id).Set(u => u.WorkEmailKey, email.ToLowerInvariant())
                .UpdateAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Runs an attempt (read, decide, write in a transaction) again from the start when it lost a race: another writer
    /// changed the row it read (<see cref="ConcurrentChange"/>) or inserted the same key first.
    /// </summary>
    public async Task<T> Retrying<T>(Func<Task<T>> attempt)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (tries < Attempts && (e is ConcurrentChange || IsUniqueViolation(e)))
            {
                // read again and redo
            }
            catch (Exception e) when (e is ConcurrentChange || IsUniqueViolation(e))
            {
                throw ScimException.Unavailable("the resource kept changing under this request; repeat it");
            }
        }
    }

    public async Task<T> InTransaction<T>(Func<DataConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var db = Open();
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var result = await work(db);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static bool IsUniqueViolation(Exception e) => e switch
    {
        SqliteException { SqliteErrorCode: 19 } => true,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        { InnerException: { } inner } => IsUniqueViolation(inner),
        _ => false,
    };
}

/// <summary>Thrown inside a transaction when the row it read has changed since: the work is redone on fresh data.</summary>
public sealed class ConcurrentChange() : Exception("the row changed since it was read");
