using System.Diagnostics;
using FleetKeys.Protocol.Messages;
using FleetKeys.Simulator;

namespace FleetKeys.LoadTest.Workload;

/// <summary>
/// Timestamps taken at the simulator. The cabinet runs its watchers under its lock on the change itself (a frame
/// handled, a person's action), so a stamp taken inside a watcher is the moment the frame crossed the wire — not the
/// later moment a continuation got a thread, which on a busy 2-core machine can be many milliseconds on.
/// </summary>
public static class CabinetProbe
{
    /// <summary>
    /// Arms a watch for one exchange with the cluster, then <paramref name="act"/>s: completes with the moment the input
    /// the act queued left the cabinet in a poll reply, and the moment an answer arrived after it. When the input leaves,
    /// <paramref name="answerSince"/> looks at the cabinet and returns the test for an answer: what was already on the
    /// display (or already unlocked, by an earlier release still running) is not an answer.
    /// </summary>
    public static async Task<Exchange> ExchangeAsync(this SimulatedCabinet cabinet, Func<Reply, bool> isInput, Action act,
        Func<SimulatedCabinet, Func<SimulatedCabinet, bool>> answerSince, CancellationToken cancellationToken)
    {
        var (queued, inputAt, answerAt) = (false, 0L, 0L);
        Func<SimulatedCabinet, bool>? answered = null;
        var watch = cabinet.WaitUntilAsync(c =>
        {
            if (answered is null)
            {
                var pending = c.PendingInput.Any(isInput);
                if (!queued)
                {
                    queued = pending;
                    return false;
                }

                if (pending) return false;
                (inputAt, answered) = (Stopwatch.GetTimestamp(), answerSince(c));
            }

            if (!answered(c)) return false;
            answerAt = Stopwatch.GetTimestamp();
            return true;
        }, cancellationToken);
        act();
        await watch;
        return new Exchange(inputAt, answerAt, cabinet.Text);
    }

    /// <summary>The moment <paramref name="condition"/> first held, watched from now on.</summary>
    public static async Task<long> StampWhen(this SimulatedCabinet cabinet, Func<SimulatedCabinet, bool> condition, CancellationToken cancellationToken)
    {
        var at = 0L;
        await cabinet.WaitUntilAsync(c =>
        {
            if (!condition(c)) return false;
            at = Stopwatch.GetTimestamp();
            return true;
        }, cancellationToken);
        return at;
    }

    /// <summary>A display text put up from now on (texts are fresh strings per TEXT frame, so reference identity tells).</summary>
    public static Func<SimulatedCabinet, bool> NewText(SimulatedCabinet now)
    {
        var before = now.Text;
        return c => c.Text is { } text && !ReferenceEquals(text, before);
    }

    /// <summary>A release of the slot from now on: a new OUT sets a new end to the release, even over one still running.</summary>
    public static Func<SimulatedCabinet, bool> NewRelease(SimulatedCabinet now, byte slot)
    {
        var before = now.Slot(slot).UnlockedUntil;
        return c => c.Slot(slot).UnlockedUntil is { } until && until != before;
    }
}

/// <summary>Stopwatch timestamps of an input leaving the cabinet and of the answer arriving, and the display text then.</summary>
public readonly record struct Exchange(long InputAt, long AnswerAt, string? Text);
