using System.Globalization;
using System.Runtime.CompilerServices;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Text;
using FleetKeys.Domain.Time;

namespace FleetKeys.Api.Import;

public sealed record ImportError(int Line, string Field, string Message);

/// <summary>
/// <c>Sha256</c> is the applied file's hash, the origin its changes record in the audit. A dry run also answers what each
/// row would change (<c>Changes</c>, in the file's order), written as the file is read (<see cref="DryRunAnswer"/>).
/// </summary>
public sealed record ImportReport(
    bool DryRun, int Rows, IReadOnlyList<ImportError> Errors, int Applied, string? Sha256 = null, IReadOnlyList<ImportChange>? Changes = null);

/// <summary>
/// What one row would do to the person it names: <c>added</c> (a new person), <c>changed</c> (naming the fields) or
/// <c>unchanged</c>; the badges it would add (and, asked to remove what the file no longer lists, revoke) and the key
/// groups it would grant and take away.
/// </summary>
public sealed record ImportChange(
    int Line, string Id, string Change, IReadOnlyList<string> Fields, IReadOnlyList<string> BadgesAdded, IReadOnlyList<string> BadgesRemoved,
    IReadOnlyList<string> KeyGroupsAdded, IReadOnlyList<string> KeyGroupsRemoved);

/// <summary>
/// What checking the whole file found: its rows, every error (by line), and the badges that change hands between two of
/// its people, taken from their holders before any row is applied. <c>Readable</c> is false when the file could not be
/// read through (no header, a required column missing, broken quoting).
/// </summary>
public sealed record ImportCheck(int Rows, IReadOnlyList<ImportError> Errors, IReadOnlyList<BadgeMove> Moves, bool Readable);

/// <summary>A badge <c>From</c> holds that their row no longer lists, and the row on <c>Line</c> gives to someone else.</summary>
public sealed record BadgeMove(int Line, BadgeNumber Badge, PersonId From);

/// <summary>
/// Bulk import of people from CSV: columns id, name, maxKeys, validFrom, validUntil, badges (";"-separated) and
/// keyGroups (";"-separated, each granted at every site, at all times). The whole file is checked first — every bad
/// row reported by line — and nothing changes unless all of it is clean. Existing people get the file's name, key
/// limit and validity, the file's badges added (and, with <c>removeUnlisted</c>, the badges it does not list revoked,
/// which lets a badge move between two people of the file) and their entitlements replaced. Each pass reads the file
/// row by row: checking holds only what finding duplicates needs, and checking or comparing creates nothing (a person
/// or badge the journal does not know is never asked for), so a dry run holds nothing.
/// </summary>
public sealed class PeopleImport(FleetAdmin admin, bool removeUnlisted)
{
    public static readonly string[] Columns = ["id", "name", "maxKeys", "validFrom", "validUntil", "badges", "keyGroups"];

    /// <summary>How many rows are looked up in the journal, or applied, at once.</summary>
    private const int Batch = 16;

    private sealed record Row(int Line, PersonId Id, string Name, int MaxKeys, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil,
        IReadOnlyList<BadgeNumber> Badges, IReadOnlyList<KeyGroup> KeyGroups);

    private sealed record Claim(int Line, PersonId Id, BadgeNumber Badge);

    /// <summary>A real import: the whole file checked, then, if it is clean, applied row by row as the file is read again.</summary>
    public async Task<ImportReport> Run(ImportFile file, ImportProgress progress, CancellationToken cancellationToken)
    {
        var check = await Check(file.Read(), progress, cancellationToken);
        if (check.Errors.Count > 0) return new ImportReport(false, check.Rows, check.Errors, 0);
        using (OriginScope.Use(ChangeOrigin.Import(file.Sha256)))
            // Once rows are being applied, the caller hanging up does not leave the rest of a clean file undone.
            await Apply(file.Read(), check, progress);
        progress.AppliedAll();
        return new ImportReport(false, check.Rows, [], progress.Applied, file.Sha256);
    }

    public async Task<ImportCheck> Check(TextReader csv, ImportProgress progress, CancellationToken cancellationToken)
    {
        var table = new CsvTable(csv);
        var errors = new List<ImportError>();
        var within = new WithinFile(errors);
        var claims = new List<Claim>();
        var moves = new List<BadgeMove>();
        var rows = 0;
        try
        {
            var header = await table.ReadHeader(cancellationToken);
            foreach (var missing in Columns.Take(2).Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)))
                errors.Add(new ImportError(1, missing, "column is missing from the header"));
            if (errors.Count > 0) return Checked(rows, errors, [], false, progress);

            await foreach (var line in table.Rows(header, cancellationToken))
            {
                rows++;
                progress.RowChecked();
                if (Parse(line, errors) is not { } row) continue;
                within.Check(row);
                claims.AddRange(row.Badges.Select(b => new Claim(row.Line, row.Id, b)));
                if (claims.Count >= Batch) await CheckOwners(claims, errors, moves);
            }

            await CheckOwners(claims, errors, moves);
        }
        catch (CsvFormatException e)
        {
            return Checked(rows, [new ImportError(0, "file", e.Message)], [], false, progress);
        }

        // A badge moves only from someone the file names (and, being a duplicate otherwise, without it), wherever their row is.
        foreach (var move in moves.Where(m => !within.Names(m.From)))
            errors.Add(new ImportError(move.Line, "badges",
                $"badge {move.Badge} already belongs to {move.From}, who is not in the file: list them without it to move it"));
        return Checked(rows, [.. errors.OrderBy(e => e.Line)], moves, true, progress);
    }

    private static ImportCheck Checked(int rows, List<ImportError> errors, List<BadgeMove> moves, bool readable, ImportProgress progress)
    {
        progress.CheckedAll(rows, errors.Count);
        return new ImportCheck(rows, errors, moves, readable);
    }

    /// <summary>A dry run's answer for each row that parses, in the file's order, as the file is read again.</summary>
    public async IAsyncEnumerable<ImportChange> Changes(TextReader csv, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var batch in Batches(csv, cancellationToken))
        {
            var people = await Task.WhenAll(batch.Select(r => admin.GetPerson(r.Id)));
            foreach (var (row, person) in batch.Zip(people)) yield return Change(row, person.Value, removeUnlisted);
        }
    }

    /// <summary>
    /// A checked, clean file applied: the badges changing hands leave their holders first, whichever of the two rows comes
    /// first in the file; then the rows, a batch at a time (no two rows share a person or a badge).
    /// </summary>
    private async Task Apply(TextReader csv, ImportCheck check, ImportProgress progress)
    {
        foreach (var move in check.Moves) Require(await admin.RemoveBadge(move.From, move.Badge));
        await foreach (var batch in Batches(csv, CancellationToken.None))
        {
            await Task.WhenAll(batch.Select(ApplyRow));
            progress.RowsApplied(batch.Count);
        }
    }

    /// <summary>The rows that parse, <see cref="Batch"/> at a time, read from the start of a file whose header is known good.</summary>
    private static async IAsyncEnumerable<List<Row>> Batches(TextReader csv, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = new CsvTable(csv);
        var header = await table.ReadHeader(cancellationToken);
        var batch = new List<Row>(Batch);
        await foreach (var line in table.Rows(header, cancellationToken))
        {
            if (Parse(line, []) is not { } row) continue;
            batch.Add(row);
            if (batch.Count < Batch) continue;
            yield return batch;
            batch = new List<Row>(Batch);
        }

        if (batch.Count > 0) yield return batch;
    }

    private static Row? Parse(CsvRow row, List<ImportError> errors)
    {
        var before = errors.Count;
        void Fail(string field, string message) => errors.Add(new ImportError(row.Line, field, message));

        var id = row["id"];
        if (!IdRules.IsValid(id)) Fail("id", "must be 1-64 letters, digits, '.', '_', ':' or '-'");
        var name = row["name"];
        if (name is null || name.Length > 200) Fail("name", "is required (at most 200 characters)");
        else if (PlainText.Problem(name) is { } notPlain) Fail("name", notPlain);
        var maxKeys = 1;
        if (row["maxKeys"] is { } max && (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out maxKeys) || maxKeys > 100))
            Fail("maxKeys", "must be a whole number from 0 to 100");
        var from = Date(row, "validFrom", Fail);
        var until = Date(row, "validUntil", Fail);
        if (from is not null && until is not null && from >= until) Fail("validUntil", "must be after validFrom");
        var badges = List(row["badges"]);
        foreach (var bad in badges.Where(b => !IdRules.IsValid(b))) Fail("badges", $"'{bad}' is not a valid badge number");
        var groups = List(row["keyGroups"]);
        foreach (var bad in groups.Where(g => !IdRules.IsValid(g))) Fail("keyGroups", $"'{bad}' is not a valid key group");
        if (groups.Count > Entitlement.MaxPerPerson) Fail("keyGroups", $"at most {Entitlement.MaxPerPerson} key groups");
        if (errors.Count > before) return null;
        return new Row(row.Line, new PersonId(id!), name!, maxKeys, from, until,
            [.. badges.Select(b => new BadgeNumber(b))], [.. groups.Select(g => new KeyGroup(g))]);
    }

    private static DateTimeOffset? Date(CsvRow row, string column, Action<string, string> fail)
    {
        if (row[column] is not { } text) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)) return date;
        fail(column, "must be an ISO 8601 date or date and time");
        return null;
    }

    private static List<string> List(string? cell) =>
        cell is null ? [] : [.. cell.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Duplicates inside the file, an id given twice or a badge given to two people; the ids and badges seen are all it keeps.</summary>
    private sealed class WithinFile(List<ImportError> errors)
    {
        private readonly HashSet<PersonId> _ids = [];
        private readonly Dictionary<BadgeNumber, (PersonId Id, int Line)> _badges = [];

        public bool Names(PersonId person) => _ids.Contains(person);

        public void Check(Row row)
        {
            if (!_ids.Add(row.Id)) errors.Add(new ImportError(row.Line, "id", $"person {row.Id} appears more than once in the file"));
            foreach (var badge in row.Badges)
            {
                if (_badges.TryGetValue(badge, out var first) && first.Id != row.Id)
                    errors.Add(new ImportError(row.Line, "badges", $"badge {badge} is also given to {first.Id} on line {first.Line}"));
                _badges.TryAdd(badge, (row.Id, row.Line));
            }
        }
    }

    /// <summary>
    /// Badges that already belong to someone else, as the credential directory's journal says: asked to remove what the file
    /// no longer lists, a move (checked once the whole file is read); otherwise refused. The batch is emptied.
    /// </summary>
    private async Task CheckOwners(List<Claim> batch, List<ImportError> errors, List<BadgeMove> moves)
    {
        var owners = await Task.WhenAll(batch.Select(c => admin.OwnerOf(c.Badge)));
        foreach (var (claim, owner) in batch.Zip(owners))
            if (owner is { } other && other != claim.Id)
            {
                if (removeUnlisted) moves.Add(new BadgeMove(claim.Line, claim.Badge, other));
                else
                    errors.Add(new ImportError(claim.Line, "badges",
                        $"badge {claim.Badge} already belongs to {other} (to move it, list {other} without it and import with removeUnlisted=true)"));
            }

        batch.Clear();
    }

    /// <summary>
    /// Mirrors <see cref="ApplyRow"/>: the file's fields and badges are added (with <c>removeUnlisted</c>, the badges it does not
    /// list are revoked), its key groups replace every entitlement.
    /// </summary>
    private static ImportChange Change(Row row, PersonDetails? person, bool removeUnlisted)
    {
        var groups = row.KeyGroups.Select(g => g.Value).Distinct().ToList();
        if (person is null)
            return new ImportChange(row.Line, row.Id.Value, "added", [], [.. row.Badges.Select(b => b.Value).Distinct()], [], groups, []);
        var fields = new List<string>();
        if (person.Name != row.Name) fields.Add("name");
        if (person.MaxKeys != row.MaxKeys) fields.Add("maxKeys");
        if (person.ValidFrom != row.ValidFrom) fields.Add("validFrom");
        if (person.ValidUntil != row.ValidUntil) fields.Add("validUntil");
        List<string> badges = [.. row.Badges.Where(b => !person.Badges.Contains(b)).Select(b => b.Value).Distinct()];
        List<string> unlisted = removeUnlisted ? [.. Unlisted(row, person).Select(b => b.Value)] : [];
        var granted = person.Entitlements.Where(Plain).Select(e => e.Group!.Value.Value).ToHashSet();
        List<string> added = [.. groups.Where(g => !granted.Contains(g))];
        List<string> removed = [.. person.Entitlements.Where(e => !Plain(e) || !groups.Contains(e.Group!.Value.Value)).Select(Describe)];
        if (badges.Count + unlisted.Count > 0) fields.Add("badges");
        if (added.Count + removed.Count > 0) fields.Add("keyGroups");
        return new ImportChange(row.Line, row.Id.Value, fields.Count > 0 ? "changed" : "unchanged", fields, badges, unlisted, added, removed);
    }

    /// <summary>The badges a person holds that their row no longer lists.</summary>
    private static IEnumerable<BadgeNumber> Unlisted(Row row, PersonDetails person) => person.Badges.Where(b => !row.Badges.Contains(b));

    /// <summary>An entitlement a file row can express: one key group, at every site, at all times.</summary>
    private static bool Plain(Entitlement e) => e is { Group: not null, Site: null, Cabinet: null } && e.Schedule.Windows.Count == 0;

    private static string Describe(Entitlement e) =>
        (e.Group?.Value ?? "any key group") + (e.Site is { } site ? $" at site {site}" : "") + (e.Cabinet is { } cabinet ? $" at cabinet {cabinet}" : "")
        + (e.Schedule.Windows.Count > 0 ? " on a schedule" : "");

    /// <summary>A person the file names who exists already takes the file's name, key limit and validity too.</summary>
    private async Task ApplyRow(Row row)
    {
        var registered = await admin.RegisterPerson(row.Id, row.Name, row.ValidFrom, row.ValidUntil, row.MaxKeys);
        PersonDetails? existing = null;
        if (registered.Rejection is { Code: RejectionCode.AlreadyExists })
        {
            Require(await admin.Rename(row.Id, row.Name));
            Require(await admin.SetKeyLimit(row.Id, row.MaxKeys));
            var validity = await admin.SetValidity(row.Id, row.ValidFrom, row.ValidUntil);
            Require(validity);
            existing = validity.Value;
        }

        Require(registered);
        foreach (var badge in row.Badges) Require(await admin.AddBadge(row.Id, badge));
        if (removeUnlisted && existing is not null)
            foreach (var badge in Unlisted(row, existing)) Require(await admin.RemoveBadge(row.Id, badge));
        Require(await admin.SetEntitlements(row.Id, [.. row.KeyGroups.Select(g => new Entitlement(g, null, null, Schedule.Always))]));
    }

    private static void Require<T>(Outcome<T> outcome) where T : class
    {
        // Already there, or already gone (a badge its holder gave up between the check and now): what the row asks for holds.
        if (outcome.Rejection is { Code: not (RejectionCode.AlreadyExists or RejectionCode.BadgeNotHeld) } rejection)
            throw new InvalidOperationException($"the import stopped part-way: {rejection.Message}");
    }
}
