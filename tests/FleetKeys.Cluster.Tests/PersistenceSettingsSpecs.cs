using FleetKeys.Cluster.Persistence;
using Microsoft.Data.Sqlite;

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
        const string journal = "Host=db;Database=fleetkeys";
        var settings = new PersistenceSettings { Provider = DatabaseProvider.Postgres, ConnectionString = journal };

        Assert.Equal(journal, settings.ResolveReadConnectionString());
        settings.ReadConnectionString = "Host=replica;Database=fleetkeys_read";
        Assert.Equal("Host=replica;Database=fleetkeys_read", settings.ResolveReadConnectionString());
    }
}
