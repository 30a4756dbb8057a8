using System.Globalization;
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
/// row would change (<c>Changes</c>, in the file's order).
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
/// Bulk import of people from CSV: columns id, name, maxKeys, validFrom, validUntil, badges (";"-separated) and
/// keyGroups (";"-separated, each granted at every site, at all times). The whole file is checked first — every bad
/// row reported by line — and nothing changes unless all of it is clean. Existing people get the file's name, key
/// limit and validity, the file's badges added (and, with <c>removeUnlisted</c>, the badges it does not list revoked)
/// and their entitlements replaced. The file is read as it arrives, and checking
/// it creates nothing (a person or badge the journal does not know is never asked for): a dry run holds nothing but
/// what it needs to find duplicates and the changes it answers with.
/// </summary>
public sealed class PeopleImport(FleetAdmin admin, bool removeUnlisted)
{
    public static readonly string[] Columns = ["id", "name", "maxKeys", "validFrom", "validUntil", "badges", "keyGroups"];

    /// <summary>How many badges' owners, or people a dry run compares a row with, are looked up in the journal at once.</summary>
    private const int OwnerLookups = 16;

    private sealed record Row(int Line, PersonId Id, string Name, int MaxKeys, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil,
        IReadOnlyList<BadgeNumber> Badges, IReadOnlyList<KeyGroup> KeyGroups);

    /// <param name="fileSha256">The hash of the whole file, asked for once it has been read to its end.</param>
    public async Task<ImportReport> Run(TextReader csv, bool dryRun, Func<string> fileSha256, CancellationToken cancellationToken)
    {
        var table = new CsvTable(csv);
        var errors = new List<ImportError>();
        var within = new WithinFile(errors);
        var owners = new List<(Row Row, BadgeNumber Badge)>();
        var clean = new List<Row>();
        var compared = new List<Row>();
        var changes = new List<ImportChange>();
        var rows = 0;
        try
        {
            var header = await table.ReadHeader(cancellationToken);
            foreach (var missing in Columns.Take(2).Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)))
                errors.Add(new ImportError(1, missing, "column is missing from the header"));
            if (errors.Count > 0) return new ImportReport(dryRun, rows, errors, 0);

            await foreach (var line in table.Rows(header, cancellationToken))
            {
                rows++;
                if (Parse(line, errors) is not { } row) continue;
                within.Check(row);
                owners.AddRange(row.Badges.Select(b => (row, b)));
                if (owners.Count >= OwnerLookups) await CheckOwners(owners, errors);
                if (!dryRun) clean.Add(row);
                else compared.Add(row);
                if (compared.Count >= OwnerLookups) await Compare(compared, changes);
            }

            await CheckOwners(owners, errors);
            await Compare(compared, changes);
        }
        catch (CsvFormatException e)
        {
            return new ImportReport(dryRun, rows, [new ImportError(0, "file", e.Message)], 0);
        }

        if (dryRun || errors.Count > 0) return new ImportReport(dryRun, rows, [.. errors.OrderBy(e => e.Line)], 0, Changes: dryRun ? changes : null);
        var sha256 = fileSha256();
        using (OriginScope.Use(ChangeOrigin.Import(sha256)))
            foreach (var row in clean) await Apply(row);
        return new ImportReport(false, rows, [], clean.Count, sha256);
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

    /// <summary>Duplicates inside the file: an id given twice, a badge given to two people.</summary>
    private sealed class WithinFile(List<ImportError> errors)
    {
        private readonly HashSet<PersonId> _ids = [];
        private readonly Dictionary<BadgeNumber, Row> _badges = [];

        public void Check(Row row)
        {
            if (!_ids.Add(row.Id)) errors.Add(new ImportError(row.Line, "id", $"person {row.Id} appears more than once in the file"));
            foreach (var badge in row.Badges)
            {
                if (_badges.TryGetValue(badge, out var first) && first.Id != row.Id)
                    errors.Add(new ImportError(row.Line, "badges", $"badge {badge} is also given to {first.Id} on line {first.Line}"));
                _badges.TryAdd(badge, row);
            }
        }
    }

    /// <summary>Badges that already belong to someone else, as the credential directory's journal says; the batch is emptied.</summary>
    private async Task CheckOwners(List<(Row Row, BadgeNumber Badge)> batch, List<ImportError> errors)
    {
        var owners = await Task.WhenAll(batch.Select(b => admin.OwnerOf(b.Badge)));
        foreach (var ((row, badge), owner) in batch.Zip(owners))
            if (owner is { } other && other != row.Id)
                errors.Add(new ImportError(row.Line, "badges", $"badge {badge} already belongs to {other}"));
        batch.Clear();
    }

    /// <summary>A dry run's answer for each row: the person as it stands, compared with what applying the row makes of it.</summary>
    private async Task Compare(List<Row> batch, List<ImportChange> changes)
    {
        var people = await Task.WhenAll(batch.Select(r => admin.GetPerson(r.Id)));
        changes.AddRange(batch.Zip(people, (row, person) => Change(row, person.Value, removeUnlisted)));
        batch.Clear();
    }

    /// <summary>
    /// Mirrors <see cref="Apply"/>: the file's fields and badges are added (with <c>removeUnlisted</c>, the badges it does not
    /// list are revoked), its key groups replace every entitlement.
    /// </summary>
    private static ImportChange Change(Row row, PersonState? person, bool removeUnlisted)
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
    private static IEnumerable<BadgeNumber> Unlisted(Row row, PersonState person) => person.Badges.Where(b => !row.Badges.Contains(b));

    /// <summary>An entitlement a file row can express: one key group, at every site, at all times.</summary>
    private static bool Plain(Entitlement e) => e is { Group: not null, Site: null, Cabinet: null } && e.Schedule.Windows.Count == 0;

    private static string Describe(Entitlement e) =>
        (e.Group?.Value ?? "any key group") + (e.Site is { } site ? $" at site {site}" : "") + (e.Cabinet is { } cabinet ? $" at cabinet {cabinet}" : "")
        + (e.Schedule.Windows.Count > 0 ? " on a schedule" : "");

    /// <summary>A person the file names who exists already takes the file's name, key limit and validity too.</summary>
    private async Task Apply(Row row)
    {
        var registered = await admin.RegisterPerson(row.Id, row.Name, row.ValidFrom, row.ValidUntil, row.MaxKeys);
        PersonState? existing = null;
        if (registered.Rejection is { Code: RejectionCode.AlreadyExists })
        {
            Check(await admin.Rename(row.Id, row.Name));
            Check(await admin.SetKeyLimit(row.Id, row.MaxKeys));
            var validity = await admin.SetValidity(row.Id, row.ValidFrom, row.ValidUntil);
            Check(validity);
            existing = validity.Value;
        }

        Check(registered);
        foreach (var badge in row.Badges) Check(await admin.AddBadge(row.Id, badge));
        if (removeUnlisted && existing is not null)
            foreach (var badge in Unlisted(row, existing)) Check(await admin.RemoveBadge(row.Id, badge));
        Check(await admin.SetEntitlements(row.Id, [.. row.KeyGroups.Select(g => new Entitlement(g, null, null, Schedule.Always))]));
    }

    private static void Check<T>(Outcome<T> outcome) where T : class
    {
        if (outcome.Rejection is { Code: not RejectionCode.AlreadyExists } rejection)
            throw new InvalidOperationException($"the import stopped part-way: {rejection.Message}");
    }
}
