using FleetKeys.Cluster.Projections;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Testing;
using LinqToDB;
using LinqToDB.Async;

namespace FleetKeys.Cluster.Tests.Audit;

/// <summary>An audit log in a real SQLite read database, grown row by row as the projection would write it, without a node.</summary>
public sealed class AuditLogOnDisk : IAsyncLifetime
{
    private readonly SqliteTestDatabase _files = new();

    public ReadDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _files.InitializeAsync();
        Directory.CreateDirectory(_files.Settings.DataFolder);
        Database = new ReadDatabase(_files.Settings);
        await Database.EnsureSchema();
    }

    public async Task Grow(int rows)
    {
        await using var db = Database.Open();
        var last = await db.GetTable<AuditRow>().OrderByDescending(r => r.Seq).FirstOrDefaultAsync();
        var (seq, previous) = last is null ? (0L, AuditChain.Genesis) : (last.Seq, last.Hash);
        for (var i = 0; i < rows; i++)
        {
            seq++;
            var row = new AuditRow
            {
                Seq = seq, Ordering = seq * 2, PersistenceId = "person-p-1", SequenceNr = seq, EventType = "PersonRenamed",
                RecordedAt = DateTimeOffset.UnixEpoch.AddMinutes(seq).UtcTicks, Payload = $$"""{"Name":"name {{seq}}"}""", PreviousHash = previous,
            };
            row.Hash = AuditChain.HashOf(row);
            await db.InsertAsync(row);
            previous = row.Hash;
        }

        await ProjectionOffsets.Save(db, AuditProjection.ProjectionName, seq * 2, CancellationToken.None);
    }

    public async Task<List<AuditCheckpointRow>> Checkpoints()
    {
        await using var db = Database.Open();
        return await db.GetTable<AuditCheckpointRow>().OrderBy(c => c.Number).ToListAsync();
    }

    public Task DisposeAsync() => _files.DisposeAsync();
}
