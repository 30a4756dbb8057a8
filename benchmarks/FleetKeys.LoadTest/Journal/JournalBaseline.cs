using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using Akka.Persistence;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.LoadTest.Journal;

/// <summary>
/// The journal's own write rate, for comparison: plain persistent actors in the node's actor system, on the node's
/// journal (same plugin, settings and database), persisting batches with PersistAll as fast as the journal takes them.
/// The payload is a byte array the size of a serialized KeyTaken, so the figure is the journal's, not the serializer's;
/// untagged, so the read side and the audit never see it.
/// </summary>
public static class JournalBaseline
{
    public static async Task<BaselineResult> MeasureAsync(ActorSystem system, LoadTestOptions options, CancellationToken cancellationToken)
    {
        var payload = new byte[JsonSerializer.SerializeToUtf8Bytes(SampleEvent, FleetKeysJsonSerializer.Options).Length];
        var run = Guid.NewGuid().ToString("N")[..8];
        var writers = Enumerable.Range(0, options.BaselineWriters)
            .Select(i => system.ActorOf(Props.Create(() => new Writer($"loadtest-baseline-{run}-{i}", payload, options.BaselineBatch))))
            .ToList();
        var clock = Stopwatch.StartNew();
        var deadline = clock.Elapsed + options.JournalBaseline;
        var counts = await Task.WhenAll(writers.Select(w => w.Ask<long>(new Write(clock, deadline), options.JournalBaseline + TimeSpan.FromSeconds(30), cancellationToken)));
        var elapsed = clock.Elapsed;
        foreach (var writer in writers) writer.Tell(PoisonPill.Instance);
        return new BaselineResult(counts.Sum(), elapsed, payload.Length);
    }

    private static readonly KeyTaken SampleEvent = new(new SlotId(new CabinetId("ctl-001-cab-001"), 17), GrantId.New(), new PersonId("p-12345"),
        DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddHours(8));

    private sealed record Write(Stopwatch Clock, TimeSpan Deadline);

    private sealed class Writer : ReceivePersistentActor
    {
        private long _written;

        public Writer(string persistenceId, byte[] payload, int batch)
        {
            PersistenceId = persistenceId;
            var events = Enumerable.Repeat(payload, batch).ToArray();
            Command<Write>(write =>
            {
                var replyTo = Sender;
                void Next()
                {
                    var remaining = events.Length;
                    PersistAll(events, _ =>
                    {
                        _written++;
                        if (--remaining > 0) return;
                        if (write.Clock.Elapsed < write.Deadline) Next();
                        else replyTo.Tell(_written);
                    });
                }

                Next();
            });
        }

        public override string PersistenceId { get; }
    }
}

public sealed record BaselineResult(long Events, TimeSpan Elapsed, int PayloadBytes)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}
