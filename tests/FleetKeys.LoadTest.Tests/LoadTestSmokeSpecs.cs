using FleetKeys.Testing;
using Xunit.Abstractions;

namespace FleetKeys.LoadTest.Tests;

/// <summary>
/// The load test in miniature, on both databases: a few cabinets, a few seconds of every kind of errand (takes,
/// returns, denials, revocations, a burst) and a cold restart. It asserts correctness only — no errors, nothing lost or
/// doubled, custody matching the keys' physical places, every offline allow-list whole again after the restart — never
/// a speed: this machine's speed is not the product's.
/// </summary>
public abstract class LoadTestSmokeSpecs<TDatabase>(TDatabase database, ITestOutputHelper output) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private static readonly LoadTestOptions Small = new()
    {
        Controllers = 2,
        CabinetsPerController = 3,
        Slots = 8,
        People = 40,
        ControllersPerSite = 1,
        Rate = 20,
        Warmup = TimeSpan.FromSeconds(1),
        Duration = TimeSpan.FromSeconds(6),
        BurstAt = TimeSpan.FromSeconds(2),
        BurstLength = TimeSpan.FromSeconds(2),
        DenialShare = 0.2,
        RevokeEvery = TimeSpan.FromSeconds(1),
        JournalBaseline = TimeSpan.FromSeconds(1),
        BaselineWriters = 4,
        // Information: the driver's connections and sessions, should a run fail and print the node's log.
        LogLevel = "Information",
        // The suite's other processes can starve the node for seconds on two cores (a badge went unanswered for 10 s
        // once at load 11); an answer that never comes still fails the run, only later.
        StepTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Of the node's log, what a failing run prints: the lost steps' times and cabinets (the report) find their lines in it.</summary>
    private const int NodeLogTail = 300;

    [Fact]
    public async Task A_small_run_has_no_errors_and_loses_or_doubles_nothing()
    {
        using var lines = new StringWriter();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var nodeLog = Path.Combine(Path.GetTempPath(), $"fleetkeys-smoke-{Guid.NewGuid():N}.log");
        LoadTestReport report;
        try
        {
            report = await LoadTestRun.RunAsync(Small with { NodeLog = nodeLog }, database, lines, bound.Token);
            report.Print(lines);
            if (!report.Passed)
                lines.WriteLine($"\nthe node's log, its last {NodeLogTail} lines:\n{string.Join('\n', File.ReadLines(nodeLog).TakeLast(NodeLogTail))}");
        }
        finally
        {
            output.WriteLine(lines.ToString());
            File.Delete(nodeLog);
        }

        Assert.True(report.Stats.Takes > 0 && report.Stats.Returns > 0 && report.Stats.Denials > 0 && report.Stats.Revocations > 0,
            "every kind of errand ran");
        Assert.Empty(report.Stats.Errors);
        Assert.Equal(new Journal.AuditResult(0, 0, 0, 0, 0), report.Audit);
        Assert.NotNull(report.ColdStart?.ListsWhole);
    }
}

public sealed class SqliteLoadTestSmokeSpecs(SqliteTestDatabase database, ITestOutputHelper output)
    : LoadTestSmokeSpecs<SqliteTestDatabase>(database, output);

public sealed class PostgresLoadTestSmokeSpecs(PostgresTestDatabase database, ITestOutputHelper output)
    : LoadTestSmokeSpecs<PostgresTestDatabase>(database, output);
