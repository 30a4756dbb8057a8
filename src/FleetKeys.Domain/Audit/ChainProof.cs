namespace FleetKeys.Domain.Audit;

/// <summary>
/// Walks audit rows in order and holds them to their own hash chain and to every signed checkpoint: each checkpoint must
/// be signed by a trusted audit key, checkpoints must follow one another, and the chain must pass through every signed
/// head. The node's verification (which also compares each row with the journal) and the offline bundle verifier both
/// walk with this one class, so they cannot disagree on what intact means.
/// </summary>
public sealed class ChainProof
{
    private List<AuditCheckpoint> _checkpoints;
    private readonly IReadOnlyCollection<AuditPublicKey> _keys;
    private readonly long _firstSeq;
    private int _next;
    private long _seq;
    private string? _previous;
    private long _rows;
    private DateTimeOffset? _from, _to;
    private AuditCheckpoint? _lastCheckpoint, _lastAnchored;
    private readonly HashSet<long> _anchored;
    private long _checkpointsMet;

    /// <param name="checkpoints">The database's or the bundle's; the same checkpoint may come more than once.</param>
    /// <param name="anchored">Those read back from an anchor outside the database: held against the chain like the others, and named in the coverage.</param>
    /// <param name="firstSeq">Where the walk starts: 1 for the whole log, from its genesis; later for a bundle of a stretch of it.</param>
    public ChainProof(
        IEnumerable<AuditCheckpoint> checkpoints, IEnumerable<AuditCheckpoint> anchored, IReadOnlyCollection<AuditPublicKey> keys, long firstSeq = 1)
    {
        var fromAnchors = anchored.ToList();
        _anchored = [.. fromAnchors.Select(c => c.Number)];
        _checkpoints = checkpoints.Concat(fromAnchors).OrderBy(c => c.Number).ThenBy(c => c.Seq).ToList();
        _keys = keys;
        _firstSeq = firstSeq;
        _seq = firstSeq;
        _previous = firstSeq == 1 ? AuditLink.Genesis : null;
    }

    private string HeadHash => _previous ?? AuditLink.Genesis;

    /// <summary>Checks the checkpoints themselves, before any row: signatures, numbering, and that their heads only move forward.</summary>
    public AuditProblem? Start()
    {
        foreach (var checkpoint in _checkpoints)
            if (!_keys.Any(k => k.Signed(checkpoint)))
                return new AuditProblem(AuditProblemKind.ForgedCheckpoint, checkpoint.Seq, 0,
                    $"checkpoint {checkpoint.Number} (row {checkpoint.Seq}, key {checkpoint.KeyId}) is not signed by a trusted audit key");
        // One checkpoint kept in two places is one: ECDSA signs the same text differently each time, so the signature is no part of its identity.
        _checkpoints = [.. _checkpoints.DistinctBy(c => (c.Number, c.Seq, c.Head, c.SignedAt, c.KeyId))];
        for (var i = 1; i < _checkpoints.Count; i++)
        {
            var (before, after) = (_checkpoints[i - 1], _checkpoints[i]);
            if (after.Number == before.Number)
                return Broken(after, $"two signed checkpoints numbered {after.Number} disagree");
            if (after.Number != before.Number + 1)
                return Broken(after, $"checkpoint {before.Number + 1} is missing between {before.Number} and {after.Number}");
            if (after.Seq < before.Seq)
                return Broken(after, $"checkpoint {after.Number} signs row {after.Seq}, before checkpoint {before.Number}'s row {before.Seq}");
        }

        while (_next < _checkpoints.Count && _checkpoints[_next].Seq < _firstSeq) _next++;
        return null;
    }

    /// <summary>The row's problem, if any; after a problem the walk is over.</summary>
    public AuditProblem? Next(AuditLink row)
    {
        if (row.Seq != _seq) return Altered(row, $"numbered {row.Seq} where {_seq} belongs");
        if (_previous is not null && row.PreviousHash != _previous) return Altered(row, "does not chain to the row before it");
        if (row.ComputedHash() != row.Hash) return Altered(row, "its hash does not match its content");
        for (; _next < _checkpoints.Count && _checkpoints[_next].Seq == row.Seq; _next++)
        {
            var checkpoint = _checkpoints[_next];
            if (checkpoint.Head != row.Hash)
                return new AuditProblem(AuditProblemKind.Rewritten, row.Seq, row.Ordering,
                    $"the chain does not pass through checkpoint {checkpoint.Number}, signed at {checkpoint.SignedAt:u}: " +
                    $"rows up to {row.Seq} were changed after it was signed");
            (_lastCheckpoint, _checkpointsMet) = (checkpoint, _checkpointsMet + 1);
            if (_anchored.Contains(checkpoint.Number)) _lastAnchored = checkpoint;
        }

        (_seq, _previous, _rows) = (_seq + 1, row.Hash, _rows + 1);
        _from ??= row.RecordedAt;
        _to = row.RecordedAt;
        return null;
    }

    /// <summary>After the last row: a signed head beyond it means rows were removed from the end.</summary>
    public AuditProblem? End() =>
        _next < _checkpoints.Count
            ? new AuditProblem(AuditProblemKind.Truncated, _checkpoints[_next].Seq, 0,
                $"the log ends at row {_seq - 1}, but checkpoint {_checkpoints[_next].Number} signed row {_checkpoints[_next].Seq}")
            : null;

    public AuditCoverage Coverage => new(_rows, _firstSeq, _seq - 1, _from, _to, _checkpointsMet, _lastCheckpoint,
        _lastCheckpoint is null ? _rows : _seq - 1 - _lastCheckpoint.Seq, _lastAnchored);

    public AuditVerification Verdict(AuditProblem? problem) => new(problem is null, _rows, HeadHash, problem, Coverage);

    private static AuditProblem Altered(AuditLink row, string detail) => new(AuditProblemKind.Altered, row.Seq, row.Ordering, detail);

    private static AuditProblem Broken(AuditCheckpoint checkpoint, string detail) =>
        new(AuditProblemKind.BrokenCheckpoints, checkpoint.Seq, 0, detail);
}
