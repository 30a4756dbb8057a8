namespace FleetKeys.Domain.Audit;

public enum AuditProblemKind
{
    /// <summary>The row is there but is not what the journal recorded, or its hash does not chain.</summary>
    Altered,

    /// <summary>The row records nothing the journal holds (or repeats a fact another row already records).</summary>
    Inserted,

    /// <summary>A fact the log had reached is not in it.</summary>
    Missing,

    /// <summary>A checkpoint's signature does not verify with the audit key: it was made or changed by someone without the key.</summary>
    ForgedCheckpoint,

    /// <summary>Checkpoints do not follow one another: one was taken out, or two with one number disagree.</summary>
    BrokenCheckpoints,

    /// <summary>The chain does not pass through a signed head: rows up to it were rewritten after it was signed.</summary>
    Rewritten,

    /// <summary>The log ends before a signed head: rows were removed after it was signed.</summary>
    Truncated,
}

/// <summary>The first place the log departs from what it must be; <c>Seq</c> is the row's number (for a missing row, the one it had).</summary>
public sealed record AuditProblem(AuditProblemKind Kind, long Seq, long Ordering, string Detail);

/// <summary>
/// What a verification covers: the rows it walked and the time they span, and the last signed checkpoint it held them to.
/// Rows after <c>LastCheckpoint</c> are proved only by their own chain until the next checkpoint is signed.
/// <c>LastAnchored</c> is the last one also found in an anchor the verifier read (the node's anchor file, or
/// <c>--anchor</c>): up to it, even deleting the database's checkpoints changes nothing.
/// </summary>
public sealed record AuditCoverage(
    long Rows, long FirstSeq, long LastSeq, DateTimeOffset? From, DateTimeOffset? To, long Checkpoints, AuditCheckpoint? LastCheckpoint,
    long RowsAfterLastCheckpoint, AuditCheckpoint? LastAnchored);

public sealed record AuditVerification(bool Intact, long RowsChecked, string HeadHash, AuditProblem? FirstProblem, AuditCoverage Covers);
