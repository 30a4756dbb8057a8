using System.Diagnostics;
using System.Text.Json;
using FleetKeys.Testing;
using Microsoft.Data.Sqlite;

namespace FleetKeys.Faults.Tests;

/// <summary>
/// "fleetctl node backup" on a node on its SQLite file while simulated people keep taking and returning keys, then a
/// restore as docs/operations.md tells it: the node stopped, its data folder made afresh from the backup, the node started.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BackupRestoreSpecs : IAsyncLifetime
{
    private readonly string _backups = Directory.CreateTempSubdirectory("fleetkeys-backups-").FullName;
    private FaultRig _rig = null!;

    public async Task InitializeAsync() => _rig = await FaultRig.StartAsync(new SqliteTestDatabase(), nodes: 1);

    [Fact]
    public async Task A_backup_taken_under_load_restores_into_a_fresh_folder_and_the_restored_audit_chain_holds_every_event_up_to_it()
    {
        await _rig.StartBusyActivity();
        var folder = Path.Combine(_backups, "2026-12-01");

        var backup = await Fleetctl(_rig.Nodes[0], "node", "backup", folder);
        var takenAtBackup = _rig.Activity.Taken;
        // Custody goes on after the copy; those events are the ones a restore from it cannot have.
        await Eventually.Holds(() => Assert.True(_rig.Activity.Taken >= takenAtBackup + 3, $"{_rig.Activity}"), TimeSpan.FromSeconds(30));
        _rig.StopActivity();
        await _rig.Nodes[0].Stop();

        var events = backup.GetProperty("events").GetInt64();
        var upTo = backup.GetProperty("highestOrdering").GetInt64();
        var original = Journal(Path.Combine(_rig.DataFolder(0), "fleetkeys.db"));
        var copy = Journal(Path.Combine(folder, "fleetkeys.db"));
        Assert.Equal(original.Where(e => e.Ordering <= upTo), copy);
        Assert.Equal(events, copy.Count);
        Assert.Contains(copy, e => e.Manifest == "keyslot.taken.v1");
        Assert.True(original.Count > copy.Count, "the node wrote no event after the backup: it was not under load");
        Assert.Equal("700", Mode(folder));
        Assert.All(Directory.GetFiles(folder), f => Assert.Equal("600", Mode(f)));

        Directory.Delete(_rig.DataFolder(0), recursive: true);
        Directory.CreateDirectory(_rig.DataFolder(0));
        foreach (var file in Directory.GetFiles(folder)) File.Copy(file, Path.Combine(_rig.DataFolder(0), Path.GetFileName(file)));
        await _rig.Restart(0);

        // The restored node's audit log must reach every custody event the copy holds (its projection carries on from
        // the copied read side), and its chain must verify against the restored journal.
        var custody = copy.Where(e => e.Manifest is "keyslot.taken.v1" or "keyslot.returned.v1").Select(e => (e.PersistenceId, e.SequenceNr)).ToList();
        var api = _rig.Nodes[0].Client(FaultRig.AdminKey);
        await Eventually.Holds(async () =>
        {
            var audited = AuditedFacts(Path.Combine(_rig.DataFolder(0), "fleetkeys-read.db"));
            Assert.Empty(custody.Except(audited));
            var verification = await HttpFleet.Get(api, "/api/v1/audit/verify");
            Assert.True(verification.GetProperty("intact").GetBoolean(), verification.ToString());
            Assert.True(verification.GetProperty("rowsChecked").GetInt64() >= custody.Count, verification.ToString());
        }, TimeSpan.FromSeconds(60));
        var restored = Journal(Path.Combine(_rig.DataFolder(0), "fleetkeys.db"));
        Assert.Equal(copy, restored.Where(e => e.Ordering <= upTo));
    }

    private sealed record JournalEvent(long Ordering, string PersistenceId, long SequenceNr, string Manifest, string Payload);

    private static List<JournalEvent> Journal(string file)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ordering, persistence_id, sequence_number, manifest, hex(message) FROM journal ORDER BY ordering";
        using var reader = command.ExecuteReader();
        var events = new List<JournalEvent>();
        while (reader.Read())
            events.Add(new JournalEvent(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4)));
        return events;
    }

    private static HashSet<(string PersistenceId, long SequenceNr)> AuditedFacts(string readSide)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = readSide, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, sequence_nr FROM audit_log";
        using var reader = command.ExecuteReader();
        var facts = new HashSet<(string, long)>();
        while (reader.Read()) facts.Add((reader.GetString(0), reader.GetInt64(1)));
        return facts;
    }

    private static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path) & 0x1FF, 8);

    /// <summary>The real fleetctl, as an operator runs it, against the node's management port; its --json answer.</summary>
    private static async Task<JsonElement> Fleetctl(ClusterNode node, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[RepositoryPaths.BuildOutput("src/FleetKeys.Ctl", "fleetctl.dll"), "--node", $"127.0.0.1:{node.ManagementPort}", "--json", .. args])
            start.ArgumentList.Add(arg);
        start.Environment["FLEETCTL_TOKEN"] = FaultRig.AdminKey;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(FaultRig.Within(60));
        Assert.True(process.ExitCode == 0, $"fleetctl {string.Join(" ", args)} exited {process.ExitCode}: {await error}");
        return JsonDocument.Parse(await output).RootElement;
    }

    public async Task DisposeAsync()
    {
        await _rig.DisposeAsync();
        Directory.Delete(_backups, recursive: true);
    }
}
