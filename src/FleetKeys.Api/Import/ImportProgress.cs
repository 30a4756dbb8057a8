using System.Diagnostics.Metrics;
using FleetKeys.Cluster;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Api.Import;

/// <summary>
/// How far one import has got: read by its status (<c>GET /api/v1/people/imports/{id}</c>), logged every
/// <see cref="LogEvery"/> rows and at the end of each pass, and added to the <c>fleetkeys.import.rows</c> counter.
/// </summary>
public sealed class ImportProgress(ILogger log, string import)
{
    public const int LogEvery = 1000;

    private static readonly Counter<long> Rows = FleetKeysMeter.Meter.CreateCounter<long>("fleetkeys.import.rows", "{row}",
        "People import rows checked (stage=checked, dry runs included) and applied (stage=applied)");

    private static readonly KeyValuePair<string, object?> CheckedStage = new("stage", "checked");
    private static readonly KeyValuePair<string, object?> AppliedStage = new("stage", "applied");

    private int _checked;
    private int _applied;
    private int _total = -1;

    public string Import => import;

    public int Checked => Volatile.Read(ref _checked);

    public int Applied => Volatile.Read(ref _applied);

    /// <summary>The file's rows, known once the whole file is checked.</summary>
    public int? Total => Volatile.Read(ref _total) is >= 0 and var total ? total : null;

    public void RowChecked()
    {
        var rows = Interlocked.Increment(ref _checked);
        Rows.Add(1, CheckedStage);
        if (rows % LogEvery == 0) log.LogInformation("Import {Import} checked {Rows} rows", import, rows);
    }

    public void CheckedAll(int rows, int errors)
    {
        Volatile.Write(ref _total, rows);
        log.LogInformation("Import {Import} checked all {Rows} rows: {Errors} errors", import, rows, errors);
    }

    public void RowsApplied(int count)
    {
        var rows = Interlocked.Add(ref _applied, count);
        Rows.Add(count, AppliedStage);
        if (rows / LogEvery != (rows - count) / LogEvery) log.LogInformation("Import {Import} applied {Applied} of {Rows} rows", import, rows, Total);
    }

    public void AppliedAll() => log.LogInformation("Import {Import} applied all {Rows} rows", import, Applied);
}
