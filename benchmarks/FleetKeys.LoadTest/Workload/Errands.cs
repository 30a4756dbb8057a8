using System.Diagnostics;
using FleetKeys.LoadTest.Hosting;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.LoadTest.Measurement;
using FleetKeys.Protocol.Messages;
using FleetKeys.Simulator;

namespace FleetKeys.LoadTest.Workload;

/// <summary>
/// What a person does at a cabinet, over the real wire protocol, as a user would: badge, wait for the welcome, choose
/// the key, wait for the slot to unlock, take it; or put a key back; or present a badge the cluster must refuse. Every
/// step is bounded by the step timeout; anything unexpected is counted as an error by its kind, never thrown.
/// </summary>
public sealed class Errands(FleetModel model, RunStats stats, NodeUnderTest node, IReadOnlyList<Place> cabinets, TimeSpan stepTimeout)
{
    /// <summary>Returns the moment the slot unlocked, or null when the cluster did not grant the key.</summary>
    public async Task<long?> Take(TakeErrand errand, CancellationToken cancellationToken)
    {
        var (cabinet, slot, badge) = (errand.Cabinet.Cabinet, errand.Slot, errand.Person.Person.Badge);
        var (taken, stage, since) = (false, "badge", DateTimeOffset.UtcNow);
        try
        {
            using var timeout = Bounded(cancellationToken);
            var welcome = await cabinet.ExchangeAsync(r => r is CardRead card && card.Data == badge, () => cabinet.PresentBadge(badge),
                CabinetProbe.NewText, timeout.Token);
            if (welcome.Text?.StartsWith("Welcome", StringComparison.Ordinal) != true)
            {
                stats.Error($"take: badge answered \"{welcome.Text}\"");
                return null;
            }

            (stage, since) = ("key choice", DateTimeOffset.UtcNow);
            var released = false;
            var unlock = await cabinet.ExchangeAsync(r => r is KeySelected selected && selected.Slot == slot, () => cabinet.SelectKey(slot),
                now =>
                {
                    var (text, release) = (CabinetProbe.NewText(now), CabinetProbe.NewRelease(now, slot));
                    return c => (released = release(c)) || text(c);
                }, timeout.Token);
            if (!released)
            {
                stats.Error($"take: key choice answered \"{unlock.Text}\"");
                return null;
            }

            stats.Granted(welcome.InputAt, welcome.AnswerAt, unlock.InputAt, unlock.AnswerAt);
            (stage, since) = ("take", DateTimeOffset.UtcNow);
            var removedAt = Stopwatch.GetTimestamp();
            taken = cabinet.TakeKey(slot);
            if (!taken)
            {
                stats.Error("take: the slot relocked before the key was taken");
                return unlock.AnswerAt;
            }

            stats.KeyTaken(new SlotId(new CabinetId(cabinet.CabinetId), slot));
            (stage, since) = ("acknowledgement of the take", DateTimeOffset.UtcNow);
            stats.TakePersisted(removedAt, await cabinet.StampWhen(AllAcknowledged, timeout.Token));
            return unlock.AnswerAt;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            stats.NoAnswer($"take: no answer to the {stage} within {stepTimeout.TotalSeconds:F0} s", Unanswered($"{stage} for slot {slot}", since, cabinet));
            return null;
        }
        finally
        {
            model.TakeEnded(errand, taken);
        }
    }

    public async Task Return(ReturnErrand errand, CancellationToken cancellationToken)
    {
        var cabinet = errand.Cabinet.Cabinet;
        var (returned, since) = (false, DateTimeOffset.UtcNow);
        try
        {
            using var timeout = Bounded(cancellationToken);
            var insertedAt = Stopwatch.GetTimestamp();
            returned = cabinet.ReturnKey(errand.Slot, errand.Tag);
            if (!returned)
            {
                stats.Error("return: the key's own slot was not empty");
                return;
            }

            stats.KeyReturned(new SlotId(new CabinetId(cabinet.CabinetId), errand.Slot));
            stats.ReturnPersisted(insertedAt, await cabinet.StampWhen(AllAcknowledged, timeout.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            stats.NoAnswer($"return: not acknowledged within {stepTimeout.TotalSeconds:F0} s", Unanswered($"return to slot {errand.Slot}", since, cabinet));
        }
        finally
        {
            model.ReturnEnded(errand, returned);
        }
    }

    public async Task Deny(DenialErrand errand, CancellationToken cancellationToken)
    {
        var (cabinet, since) = (errand.Cabinet.Cabinet, DateTimeOffset.UtcNow);
        try
        {
            using var timeout = Bounded(cancellationToken);
            var refusal = await cabinet.ExchangeAsync(r => r is CardRead card && card.Data == errand.Badge, () => cabinet.PresentBadge(errand.Badge),
                CabinetProbe.NewText, timeout.Token);
            var expected = errand.Revoked ? "Access revoked" : "Badge not known";
            if (refusal.Text == expected) stats.Refused(refusal.InputAt, refusal.AnswerAt);
            else stats.Error($"denial: expected \"{expected}\", got \"{refusal.Text}\"");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            stats.NoAnswer($"denial: no answer within {stepTimeout.TotalSeconds:F0} s", Unanswered("refused badge", since, cabinet));
        }
        finally
        {
            model.DenialEnded(errand);
        }
    }

    /// <summary>
    /// Terminates the person through the entity API (in the node's process, asked on loopback), and stamps the moment each online cabinet that held them in its
    /// allow-list no longer does; the watches are armed before the request goes out.
    /// </summary>
    public async Task Revoke(PersonModel person, CancellationToken cancellationToken)
    {
        var badge = person.Person.Badge;
        try
        {
            using var timeout = Bounded(cancellationToken);
            var holding = cabinets.Select(p => p.Cabinet).Where(c => c.IsOnline && c.AllowList.Entries.ContainsKey(badge)).ToList();
            var purged = holding.Select(c => c.StampWhen(x => !x.AllowList.Entries.ContainsKey(badge), timeout.Token)).ToList();
            var requestedAt = Stopwatch.GetTimestamp();
            if (await node.Revoke(person.Person.PersonId, timeout.Token) is { } rejection)
            {
                stats.Error($"revocation refused: {rejection}");
                return;
            }

            var stamps = await Task.WhenAll(purged);
            if (stamps.Length > 0) stats.Revoked(requestedAt, stamps.Max());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            stats.Error($"revocation: not purged everywhere within {stepTimeout.TotalSeconds:F0} s");
        }
        finally
        {
            model.RevocationEnded(person);
        }
    }

    /// <summary>
    /// The step, when it began (to find it in the node's log), and what the cabinet shows now: whether the input is still
    /// waiting for a poll (the driver never asked) or left (its answer was lost), and what its end of the link counted.
    /// </summary>
    private static string Unanswered(string step, DateTimeOffset since, SimulatedCabinet cabinet)
    {
        var (counters, pending) = (cabinet.Counters, cabinet.PendingInput);
        var errors = string.Join(", ", counters.Errors.Select(e => $"{e.Key} {e.Value}"));
        return $"{step} at {cabinet}, from {since:HH:mm:ss.fff} UTC: " +
               (pending.Count > 0 ? $"{pending.Count} input(s) still waiting for a poll" : "its input left the cabinet") +
               $", display \"{cabinet.Text}\", {cabinet.EventLog.Pending.Count} event(s) unacknowledged, session {(cabinet.IsSessionEstablished ? "up" : "down")}, " +
               $"{counters.Sessions} session(s), {counters.Frames} frames, {counters.Retransmissions} retransmissions answered, {counters.Naks} NAKs, " +
               $"{counters.Rejected} refused{(errors.Length > 0 ? $" ({errors})" : "")}";
    }

    private static bool AllAcknowledged(SimulatedCabinet cabinet) => cabinet.EventLog.Pending.Count == 0;

    private CancellationTokenSource Bounded(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(stepTimeout);
        return timeout;
    }
}
