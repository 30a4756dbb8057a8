using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FleetKeys.Api.Import;

/// <summary>
/// Where a background import stands: <c>checking</c> (<c>Checked</c> rows so far), <c>applying</c> (<c>Applied</c> of
/// <c>Total</c>), then <c>applied</c> or <c>refused</c> (the file had errors and nothing changed) with the import's
/// <c>Result</c>, or <c>failed</c> (stopped part-way, <c>Failure</c> says why).
/// </summary>
public sealed record ImportStatus(string Id, string State, int Checked, int Applied, int? Total, ImportReport? Result, string? Failure);

/// <summary>
/// The imports this node runs in the background (<c>async=true</c>) and the last <see cref="Kept"/> it finished, held in
/// memory only: the audit keeps what an import changed, this only how far it got.
/// </summary>
public sealed class ImportRuns(ILoggerFactory logs, CancellationToken stopping)
{
    public const int Kept = 32;

    private readonly ConcurrentDictionary<string, Run> _runs = new();
    private readonly ConcurrentQueue<string> _started = new();
    private readonly ILogger _log = logs.CreateLogger<ImportRuns>();

    private sealed class Run(ImportProgress progress)
    {
        public ImportProgress Progress { get; } = progress;
        public volatile ImportReport? Result;
        public volatile string? Failure;

        public ImportStatus Status() => new(Progress.Import, State(), Progress.Checked, Progress.Applied, Progress.Total, Result, Failure);

        private string State() => (Result, Failure, Progress.Total) switch
        {
            (_, not null, _) => "failed",
            ({ Errors.Count: > 0 }, _, _) => "refused",
            (not null, _, _) => "applied",
            (_, _, null) => "checking",
            _ => "applying",
        };

        public bool Finished => Result is not null || Failure is not null;
    }

    /// <summary>Starts the import of <paramref name="file"/> (which the run disposes when it ends) and answers where it stands.</summary>
    public ImportStatus Start(ImportFile file, PeopleImport import)
    {
        var id = Guid.NewGuid().ToString("N");
        var run = new Run(new ImportProgress(_log, id));
        _runs[id] = run;
        _started.Enqueue(id);
        Forget();
        _log.LogInformation("Import {Import} of the file {Sha256} runs in the background", id, file.Sha256);
        _ = Task.Run(async () =>
        {
            await using var owned = file;
            try
            {
                run.Result = await import.Run(file, run.Progress, stopping);
            }
            catch (Exception e)
            {
                _log.LogError(e, "Import {Import} stopped after {Applied} rows", id, run.Progress.Applied);
                run.Failure = e.Message;
            }
        }, CancellationToken.None);
        return run.Status();
    }

    public ImportStatus? Find(string id) => _runs.TryGetValue(id, out var run) ? run.Status() : null;

    /// <summary>The oldest finished runs beyond <see cref="Kept"/> are dropped; one still running is kept until it ends.</summary>
    private void Forget()
    {
        while (_runs.Count > Kept && _started.TryPeek(out var oldest) && _runs.TryGetValue(oldest, out var run) && run.Finished)
        {
            _started.TryDequeue(out _);
            _runs.TryRemove(oldest, out _);
        }
    }
}
