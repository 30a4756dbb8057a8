using System.Text.Json;
using FleetKeys.Domain.Audit;

namespace FleetKeys.Ctl;

/// <summary>
/// "fleetctl audit verify-bundle FILE --public-key KEY": checks an exported audit bundle with nothing but the bundle and a
/// trusted copy of the audit public key (several for a rotated key), so a third party needs no node and no FleetKeys.
/// The judgement is <see cref="ChainProof"/>'s, the same the node verifies with.
/// </summary>
public static class BundleCheck
{
    public const string Usage =
        "usage: fleetctl audit verify-bundle <bundle.json> --public-key <key.pem> [--public-key <earlier.pem>] [--anchor <anchor.jsonl>] [--json]";

    public static bool Handles(IReadOnlyList<string> words) => words is ["audit", "verify-bundle", ..];

    public static int Run(IReadOnlyList<string> words, bool json, TextWriter output, TextWriter error)
    {
        var (files, keyFiles, anchorFiles) = (new List<string>(), new List<string>(), new List<string>());
        for (var i = 2; i < words.Count; i++)
        {
            if (words[i] is not ("--public-key" or "--anchor")) files.Add(words[i]);
            else if (i + 1 >= words.Count) return error.Report(ExitCodes.Usage, $"{words[i]} needs a value. {Usage}");
            else (words[i] == "--anchor" ? anchorFiles : keyFiles).Add(words[++i]);
        }

        if (files.Count != 1 || keyFiles.Count == 0) return error.Report(ExitCodes.Usage, Usage);
        AuditBundle bundle;
        List<AuditPublicKey> keys;
        List<AuditCheckpoint> anchored;
        try
        {
            keys = keyFiles.ConvertAll(f => AuditPublicKey.FromPem(File.ReadAllText(f)));
            anchored = [.. anchorFiles.SelectMany(f => AnchorLines.Read(File.ReadLines(f)))];
            bundle = AuditBundle.Parse(File.ReadAllText(files[0]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or JsonException)
        {
            return error.Report(ExitCodes.Usage, e.Message);
        }

        var verdict = bundle.Verify(keys, anchored);
        if (json) output.WriteLine(JsonSerializer.Serialize(verdict, AuditBundle.Json));
        else Describe(output, bundle, verdict, keys);
        return verdict.Intact ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static void Describe(TextWriter output, AuditBundle bundle, AuditVerification verdict, List<AuditPublicKey> keys)
    {
        var covers = verdict.Covers;
        output.WriteLine(verdict.Intact ? "intact" : "NOT INTACT");
        if (verdict.FirstProblem is { } problem) output.WriteLine($"first problem: {problem.Kind} at row {problem.Seq}: {problem.Detail}");
        output.WriteLine($"rows:          {covers.Rows} checked (rows {covers.FirstSeq}-{covers.LastSeq}), {covers.From:u} to {covers.To:u}");
        output.WriteLine($"checkpoints:   {covers.Checkpoints} met, signed by {string.Join(", ", keys.Select(k => k.Id))}");
        if (covers.LastCheckpoint is { } last)
            output.WriteLine($"last signed:   checkpoint {last.Number} at row {last.Seq}, {last.SignedAt:u}");
        if (covers.LastAnchored is { } anchored)
            output.WriteLine($"last anchored: checkpoint {anchored.Number} at row {anchored.Seq}, {anchored.SignedAt:u}");
        output.WriteLine($"bundle:        exported {bundle.ExportedAt:u}, key {bundle.PublicKeyId} (published at {bundle.PublicKeyUrl})");
    }
}
