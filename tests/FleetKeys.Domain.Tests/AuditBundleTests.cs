using System.Security.Cryptography;
using System.Text.Json;
using FleetKeys.Domain.Audit;

namespace FleetKeys.Domain.Tests;

/// <summary>An exported bundle verifies with the public key alone, and no longer once anything in it was edited.</summary>
public sealed class AuditBundleTests
{
    private static readonly ECDsa Signing = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly AuditPublicKey Key = AuditPublicKey.FromKey(Signing);

    private static List<AuditLink> Chain(int count, Func<long, string>? payload = null)
    {
        var (rows, previous) = (new List<AuditLink>(), AuditLink.Genesis);
        for (var seq = 1L; seq <= count; seq++)
        {
            var text = payload?.Invoke(seq) ?? $$"""{"Name":"person {{seq}}"}""";
            var at = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(seq).UtcTicks;
            var hash = AuditLink.HashOf(previous, seq, seq * 3, $"person-p-{seq}", 1, "PersonRegistered", at, text);
            rows.Add(new AuditLink(seq, seq * 3, $"person-p-{seq}", 1, "PersonRegistered", at, text, previous, hash));
            previous = hash;
        }

        return rows;
    }

    private static AuditCheckpoint Sign(long number, AuditLink row, ECDsa? key = null)
    {
        key ??= Signing;
        var (at, id) = (row.RecordedAt.AddSeconds(30), AuditPublicKey.IdOf(key));
        var signature = key.SignData(AuditCheckpoint.SignedText(number, row.Seq, row.Hash, at, id), HashAlgorithmName.SHA256);
        return new AuditCheckpoint(number, row.Seq, row.Hash, at, id, Convert.ToBase64String(signature));
    }

    private static AuditBundle Bundle(List<AuditLink> rows, params AuditCheckpoint[] checkpoints) =>
        new(AuditBundle.CurrentFormat, DateTimeOffset.UnixEpoch, Key.Id, "/api/v1/audit/public-key", rows, checkpoints);

    /// <summary>Ten rows with checkpoints at rows 4 and 10, the bundle's end.</summary>
    private static AuditBundle Exported()
    {
        var rows = Chain(10);
        return Bundle(rows, Sign(1, rows[3]), Sign(2, rows[9]));
    }

    private static AuditProblemKind? Problem(AuditBundle bundle) => bundle.Verify([Key]).FirstProblem?.Kind;

    [Fact]
    public void An_exported_bundle_verifies_with_the_public_key_alone_after_a_round_trip_through_its_file()
    {
        var read = AuditBundle.Parse(JsonSerializer.Serialize(Exported(), AuditBundle.Json));

        var verdict = read.Verify([AuditPublicKey.FromPem(Key.Pem)]);

        Assert.True(verdict.Intact, verdict.FirstProblem?.Detail);
        Assert.Equal((10L, 2L, 0L), (verdict.Covers.Rows, verdict.Covers.Checkpoints, verdict.Covers.RowsAfterLastCheckpoint));
        Assert.Equal(2L, verdict.Covers.LastCheckpoint!.Number);
    }

    [Fact]
    public void An_edited_row_fails()
    {
        var bundle = Exported();
        var rows = bundle.Rows.ToList();
        rows[5] = rows[5] with { Payload = rows[5].Payload.Replace("person", "someone") };

        Assert.Equal(AuditProblemKind.Altered, Problem(bundle with { Rows = rows }));
    }

    [Fact]
    public void A_row_taken_out_of_the_middle_or_the_end_fails()
    {
        var bundle = Exported();

        Assert.Equal(AuditProblemKind.Altered, Problem(bundle with { Rows = bundle.Rows.Where(r => r.Seq != 6).ToList() }));
        Assert.Equal(AuditProblemKind.Truncated, Problem(bundle with { Rows = bundle.Rows.SkipLast(1).ToList() }));
    }

    [Fact]
    public void A_consistent_rewrite_with_a_recomputed_chain_departs_from_the_signed_heads()
    {
        var bundle = Exported();
        var rewritten = Chain(10, seq => seq == 2 ? """{"Name":"Mallory"}""" : $$"""{"Name":"person {{seq}}"}""");

        Assert.Equal(AuditProblemKind.Rewritten, Problem(bundle with { Rows = rewritten }));
    }

    [Fact]
    public void An_altered_checkpoint_or_one_signed_by_another_key_is_a_forgery()
    {
        var bundle = Exported();
        var rows = bundle.Rows.ToList();
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Equal(AuditProblemKind.ForgedCheckpoint,
            Problem(bundle with { Checkpoints = [bundle.Checkpoints[0] with { Seq = 5, Head = rows[4].Hash }, bundle.Checkpoints[1]] }));
        Assert.Equal(AuditProblemKind.ForgedCheckpoint,
            Problem(bundle with { Checkpoints = [bundle.Checkpoints[0], bundle.Checkpoints[1] with { SignedAt = DateTimeOffset.UnixEpoch }] }));
        Assert.Equal(AuditProblemKind.ForgedCheckpoint, Problem(bundle with { Checkpoints = [Sign(1, rows[3], other), bundle.Checkpoints[1]] }));
    }

    [Fact]
    public void A_checkpoint_taken_out_between_two_others_fails()
    {
        var rows = Chain(10);
        var bundle = Bundle(rows, Sign(1, rows[2]), Sign(3, rows[9]));

        Assert.Equal(AuditProblemKind.BrokenCheckpoints, Problem(bundle));
    }

    [Fact]
    public void A_bundle_of_a_later_stretch_verifies_from_its_first_row()
    {
        var rows = Chain(10);
        var bundle = Bundle(rows.Skip(4).ToList(), Sign(2, rows[6]), Sign(3, rows[9]));

        var verdict = bundle.Verify([Key]);

        Assert.True(verdict.Intact, verdict.FirstProblem?.Detail);
        Assert.Equal((5L, 10L), (verdict.Covers.FirstSeq, verdict.Covers.LastSeq));
    }

    [Fact]
    public void The_bundle_names_the_key_but_never_holds_a_private_one()
    {
        var text = JsonSerializer.Serialize(Exported(), AuditBundle.Json);

        Assert.Contains(Key.Id, text);
        Assert.DoesNotContain("PRIVATE", text);
        Assert.DoesNotContain(Convert.ToBase64String(Signing.ExportParameters(true).D!), text);
    }

    [Fact]
    public void A_public_key_file_that_holds_no_p256_key_is_refused()
    {
        using var rsa = RSA.Create(2048);

        Assert.Throws<ArgumentException>(() => AuditPublicKey.FromPem("not a key"));
        Assert.Throws<ArgumentException>(() => AuditPublicKey.FromPem(rsa.ExportSubjectPublicKeyInfoPem()));
    }

    [Fact]
    public void A_file_that_is_not_a_bundle_of_this_format_is_refused()
    {
        var other = JsonSerializer.Serialize(Exported() with { Format = "fleetkeys-audit-bundle/v0" }, AuditBundle.Json);

        Assert.Throws<JsonException>(() => AuditBundle.Parse(other));
        Assert.Throws<JsonException>(() => AuditBundle.Parse("[]"));
    }

    [Fact]
    public void A_bundle_exported_after_checkpoints_were_deleted_and_rows_rewritten_fails_against_the_anchored_heads()
    {
        var rows = Chain(10);
        var anchored = AnchorLines.Read([AnchorLines.Of(Sign(1, rows[3])), "", AnchorLines.Of(Sign(2, rows[9]))]);
        var rewritten = Chain(10, seq => seq == 2 ? """{"Name":"Mallory"}""" : $$"""{"Name":"person {{seq}}"}""");
        var shortened = Bundle(rows.Take(4).ToList(), Sign(1, rows[3]));

        Assert.Null(Problem(Bundle(rewritten)));
        Assert.Equal(AuditProblemKind.Rewritten, Bundle(rewritten).Verify([Key], anchored).FirstProblem?.Kind);
        Assert.Equal(AuditProblemKind.Truncated, shortened.Verify([Key], anchored).FirstProblem?.Kind);
        Assert.Equal(2L, Exported().Verify([Key], anchored).Covers.LastAnchored?.Number);
        Assert.Null(Exported().Verify([Key]).Covers.LastAnchored);
    }
}
