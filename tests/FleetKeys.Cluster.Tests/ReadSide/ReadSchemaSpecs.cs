using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Testing;
using LinqToDB;
using LinqToDB.Async;
using LinqToDB.Data;

namespace FleetKeys.Cluster.Tests.ReadSide;

/// <summary>A read table that gained columns is brought up to date in a database made by an older version.</summary>
public abstract class ReadSchemaSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private readonly TDatabase _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task An_alarms_table_from_before_occurrences_were_counted_gains_them_and_keeps_its_rows()
    {
        Directory.CreateDirectory(_database.Settings.DataFolder); // as the node does before it opens a SQLite file
        var read = new ReadDatabase(_database.Settings);
        await using (var db = read.Open())
        {
            await db.ExecuteAsync("""
                CREATE TABLE rm_alarms (alarm_id BIGINT PRIMARY KEY, kind TEXT NOT NULL, cabinet_id TEXT NULL, slot INTEGER NULL,
                  person_id TEXT NULL, detail TEXT NOT NULL, raised_at BIGINT NOT NULL, acknowledged_at BIGINT NULL,
                  acknowledged_by TEXT NULL, acknowledge_note TEXT NULL, cleared_at BIGINT NULL, cleared_by TEXT NULL, clear_note TEXT NULL)
                """);
            await db.ExecuteAsync("INSERT INTO rm_alarms (alarm_id, kind, detail, raised_at) VALUES (7, 'Tamper', 'old', 42)");
        }

        await read.EnsureSchema();
        await new ReadDatabase(_database.Settings).EnsureSchema(); // another node, or the next start: nothing left to add
        await using var check = read.Open();
        var row = await check.GetTable<AlarmRow>().SingleAsync();

        Assert.Equal((7L, 1, 42L), (row.AlarmId, row.Occurrences, row.LastSeenAt));
    }

    [Fact]
    public async Task Custody_tables_from_before_returns_said_where_the_key_went_gain_the_column_and_keep_their_rows()
    {
        Directory.CreateDirectory(_database.Settings.DataFolder);
        var read = new ReadDatabase(_database.Settings);
        await using (var db = read.Open())
        {
            await db.ExecuteAsync("""
                CREATE TABLE rm_custody_history (ordering BIGINT PRIMARY KEY, slot_id TEXT NOT NULL, cabinet_id TEXT NOT NULL,
                  slot INTEGER NOT NULL, key_id TEXT NOT NULL, key_name TEXT NOT NULL, key_group TEXT NOT NULL, criticality TEXT NOT NULL,
                  kind TEXT NOT NULL, person_id TEXT NULL, returned_by TEXT NULL, occurred_at BIGINT NOT NULL, due_at BIGINT NULL,
                  was_overdue BOOLEAN NOT NULL, reason TEXT NULL, released_by TEXT NULL)
                """);
            await db.ExecuteAsync("""
                CREATE TABLE rm_custody (slot_id TEXT PRIMARY KEY, cabinet_id TEXT NOT NULL, slot INTEGER NOT NULL, key_id TEXT NOT NULL,
                  key_name TEXT NOT NULL, key_group TEXT NOT NULL, criticality TEXT NOT NULL, tag_id TEXT NOT NULL, status TEXT NOT NULL,
                  holder TEXT NULL, since BIGINT NULL, due_at BIGINT NULL, released_until BIGINT NULL, last_holder TEXT NULL)
                """);
            await db.ExecuteAsync("""
                INSERT INTO rm_custody (slot_id, cabinet_id, slot, key_id, key_name, key_group, criticality, tag_id, status)
                  VALUES ('c/1', 'c', 1, 'k', 'Key', 'g', 'Normal', 't', 'InSlot')
                """);
            await db.ExecuteAsync("""
                INSERT INTO rm_custody_history (ordering, slot_id, cabinet_id, slot, key_id, key_name, key_group, criticality, kind,
                  occurred_at, was_overdue) VALUES (9, 'c/1', 'c', 1, 'k', 'Key', 'g', 'Normal', 'returned', 42, FALSE)
                """);
        }

        await read.EnsureSchema();
        await new ReadDatabase(_database.Settings).EnsureSchema();
        await using var check = read.Open();
        var row = await check.GetTable<CustodyHistoryRow>().SingleAsync();
        var key = await check.GetTable<CustodyRow>().SingleAsync();

        Assert.Equal((9L, "returned", (string?)null), (row.Ordering, row.Kind, row.PlacedIn));
        Assert.Equal(("c/1", "InSlot", (string?)null), (key.SlotId, key.Status, key.PlacedIn));
    }
}

public sealed class SqliteReadSchemaSpecs : ReadSchemaSpecs<SqliteTestDatabase>;

public sealed class PostgresReadSchemaSpecs : ReadSchemaSpecs<PostgresTestDatabase>;
