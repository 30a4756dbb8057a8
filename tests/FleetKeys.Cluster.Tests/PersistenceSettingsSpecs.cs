using FleetKeys.Cluster.Persistence;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FleetKeys.Cluster.Tests;

public sealed class PersistenceSettingsSpecs
{
    [Fact]
    public void On_sqlite_the_read_side_gets_a_file_of_its_own_beside_the_journal()
    {
        var settings = new PersistenceSettings { DataFolder = "/var/lib/fleetkeys" };

        Assert.Equal("/var/lib/fleetkeys/fleetkeys.db", new SqliteConnectionStringBuilder(settings.ResolveConnectionString()).DataSource);
        Assert.Equal("/var/lib/fleetkeys/fleetkeys-read.db", new SqliteConnectionStringBuilder(settings.ResolveReadConnectionString()).DataSource);
    }

    [Fact]
    public void A_sqlite_journal_named_by_connection_string_keeps_its_read_side_beside_it()
    {
        var settings = new PersistenceSettings { ConnectionString = "Data Source=/srv/keys/journal.sqlite;Pooling=True" };

        var read = new SqliteConnectionStringBuilder(settings.ResolveReadConnectionString());

        Assert.Equal("/srv/keys/journal-read.sqlite", read.DataSource);
        Assert.True(read.Pooling);
    }

    [Fact]
    public void On_postgres_the_read_side_shares_the_journal_database_unless_told_otherwise()
    {
        var settings = new PersistenceSettings { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=db;Database=fleetkeys" };

        Assert.Equal(settings.ResolveConnectionString(), settings.ResolveReadConnectionString());
        Assert.Equal("fleetkeys", new NpgsqlConnectionStringBuilder(settings.ResolveReadConnectionString()).Database);
        settings.ReadConnectionString = "Host=replica;Database=fleetkeys_read";
        var read = new NpgsqlConnectionStringBuilder(settings.ResolveReadConnectionString());
        Assert.Equal(("replica", "fleetkeys_read"), (read.Host, read.Database));
    }

    [Fact]
    public void Postgres_connections_prepare_the_statements_they_repeat_unless_the_connection_string_says_how()
    {
        var settings = new PersistenceSettings { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=db;Database=fleetkeys;" };
        var prepared = new NpgsqlConnectionStringBuilder(settings.ResolveConnectionString());
        Assert.Equal((64, 2, "db", "fleetkeys"), (prepared.MaxAutoPrepare, prepared.AutoPrepareMinUsages, prepared.Host, prepared.Database));

        // Behind a pooler in transaction mode prepared statements do not survive: the operator's word stands.
        settings.ConnectionString = "Host=db;Database=fleetkeys;Max Auto Prepare=0";
        Assert.Equal(settings.ConnectionString, settings.ResolveConnectionString());
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(settings.ResolveReadConnectionString()).MaxAutoPrepare);
    }

    [Fact]
    public async Task Read_side_connections_to_sqlite_wait_in_sqlites_own_busy_handler()
    {
        var folder = Directory.CreateTempSubdirectory("fleetkeys-busy");
        try
        {
            var settings = new PersistenceSettings { DataFolder = folder.FullName };
            await using var db = new DataConnection(DatabaseConnections.For(settings, settings.ResolveReadConnectionString()));

            Assert.Equal(100, await db.ExecuteAsync<long>("PRAGMA busy_timeout"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}
