using Akka.Hosting;
using Akka.Persistence.Sql.Config;
using Akka.Persistence.Sql.Hosting;
using FleetKeys.Domain;
using Microsoft.Data.Sqlite;

namespace FleetKeys.Cluster.Persistence;

public static class PersistenceHostingExtensions
{
    /// <summary>
    /// Akka.Persistence.Sql on SQLite (embedded default) or PostgreSQL, tables created on start, events tagged.
    /// </summary>
    public static AkkaConfigurationBuilder AddFleetKeysPersistence(this AkkaConfigurationBuilder builder, PersistenceSettings settings)
    {
        var connectionString = settings.ResolveConnectionString();
        var provider = DatabaseConnections.ProviderOf(settings);
        if (settings.Provider == DatabaseProvider.Sqlite) PrepareSqlite(connectionString);

        // The journal keeps Microsoft.Data.Sqlite's own busy retry: with SQLite's busy handler (DatabaseConnections) on the
        // journal and snapshot store too, the access tail halved but the cold start's first grant went from ~2 s to 8–37 s
        // (docs/benchmarks.md, finding 6).
        builder.WithSqlPersistence(connectionString, provider, autoInitialize: true,
            journalBuilder: journal => journal.AddWriteEventAdapter<EventTagger>("fleetkeys-tagger", [typeof(IFleetKeysMessage)]));

        // The plugins look their connections' options up by plugin id. The journal writes only what queued while its previous
        // write was under way, and at these rates that was one row per transaction, each paying a BEGIN, a COMMIT and an
        // fsync: on SQLite its writes wait out a short window after the file's last one, so that rows gather (finding 13);
        // on PostgreSQL they are only counted (finding 14).
        // On SQLite the read journal and the snapshot store open gated connections too: their write transactions queue in
        // process for the file (SqliteWriteGate) instead of racing for its lock (docs/benchmarks.md, finding 6).
        var connections = new MultiDataOptionsSetup();
        connections.AddDataOptions("akka.persistence.journal.sql", DatabaseConnections.ForJournal(settings, connectionString, settings.JournalWriteWindow));
        if (DatabaseConnections.ForQueriesAndSnapshots(settings, connectionString) is { } gated)
            foreach (var plugin in (string[])["akka.persistence.query.journal.sql", "akka.persistence.snapshot-store.sql"])
                connections.AddDataOptions(plugin, gated);
        builder.AddSetup(connections);

        // Tags in the journal row's own column: the tag table made every events-by-tag page re-read its rows' tags with a
        // string aggregate: most of a custody transaction's CPU with eight projections polling (docs/benchmarks.md).
        builder.AddHocon("""
            akka.persistence.journal.sql.tag-write-mode = Csv
            akka.persistence.query.journal.sql.tag-read-mode = Csv
            """, HoconAddMode.Prepend);

        // The journal's circuit breaker opens after ten failed writes and tries again only after Akka's 30 s: a probe that
        // fell just before the database came back kept it open for 30 s more, and cabinets' offline logs waited that long
        // to upload (41 s and over 60 s in fault-suite runs). DatabaseWatch already refuses requests while the database is
        // away; the breaker only has to stop hammering it, and a probe every 2 s costs nothing.
        builder.AddHocon("""
            akka.persistence.journal.sql.circuit-breaker.reset-timeout = 2s
            akka.persistence.snapshot-store.sql.circuit-breaker.reset-timeout = 2s
            """, HoconAddMode.Prepend);

        // SQLite has one writer at a time: parallel journal writers would only queue on its lock. Reads in a transaction of
        // unspecified isolation begin IMMEDIATE there, taking that lock too: every recovery then queues behind the writes,
        // and each collision costs Microsoft.Data.Sqlite's 150 ms busy retry. Read-uncommitted begins them DEFERRED; in WAL
        // mode such a reader still sees one consistent snapshot, and never blocks the writer (docs/benchmarks.md).
        if (settings.Provider == DatabaseProvider.Sqlite)
            builder.AddHocon("""
                akka.persistence.journal.sql.parallelism = 1
                akka.persistence.journal.sql.read-isolation-level = read-uncommitted
                akka.persistence.snapshot-store.sql.read-isolation-level = read-uncommitted
                akka.persistence.query.journal.sql.read-isolation-level = read-uncommitted
                """, HoconAddMode.Prepend);
        return builder;
    }

    /// <summary>
    /// WAL lets readers (queries, projections) proceed while the journal writes; the mode is stored in the file.
    /// Synchronous stays at SQLite's FULL: a controller forgets an event once it is acknowledged, so an acknowledged
    /// event must survive a power cut, not only a crash of the process.
    /// </summary>
    private static void PrepareSqlite(string connectionString)
    {
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}
