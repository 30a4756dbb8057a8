using System.Text.Json;
using FleetKeys.Cluster.Security;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.ExternalIds;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Retention;
using FleetKeys.Domain;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests.People;

/// <summary>
/// Crypto-shredding (issue #23): personal fields are stored sealed under their person's key, read back in clear while the
/// key exists, and once it is destroyed read as their unchanged sealed form, shown as "erased person #id".
/// </summary>
public abstract class PersonalSealingSpecs<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Old = new(2016, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly PersonId Ann = new("p-ann");
    private static readonly PersonId Bob = new("p-bob");
    private static readonly SiteId Depot = new("depot");
    private static readonly SiteId Harbour = new("harbour");

    private readonly TDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(At);
    private PersonKeys _keys = null!;
    private StoredJson _json = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Directory.CreateDirectory(_database.Settings.DataFolder);
        _keys = Keys();
        _json = StoredJson.Sealing(_keys);
    }

    public Task DisposeAsync() => _database.DisposeAsync();

    private static PersonId Someone() => new($"p-{Guid.NewGuid():N}"[..14]);

    private PersonKeys Keys() => new(_database.Settings, new NodeKeys(TestNode.MasterSecret), _clock);

    private string Write(object fact, StoredJson? json = null) => JsonSerializer.Serialize(fact, fact.GetType(), (json ?? _json).Stored);

    private T Read<T>(string stored, StoredJson? json = null) => JsonSerializer.Deserialize<T>(stored, (json ?? _json).Stored)!;

    [Fact]
    public void A_persons_name_badge_and_email_are_stored_sealed_and_read_back_in_clear()
    {
        var registered = Write(new PersonRegistered(Ann, "Ann Example", null, null, 2, At));
        var badge = Write(new BadgeAdded(Ann, new BadgeNumber("BADGE0042"), At));
        var contact = Write(new ContactSet(Ann, "ann@example.org", null, At));

        Assert.DoesNotContain("Ann Example", registered);
        Assert.DoesNotContain("BADGE0042", badge);
        Assert.DoesNotContain("ann@example.org", contact);
        Assert.Contains("\"Person\":\"p-ann\"", registered);
        Assert.Equal("Ann Example", Read<PersonRegistered>(registered).Name);
        Assert.Equal(new BadgeNumber("BADGE0042"), Read<BadgeAdded>(badge).Badge);
        Assert.Equal("ann@example.org", Read<ContactSet>(contact).Email);
    }

    [Fact]
    public void Sealing_is_deterministic_so_a_fact_read_back_writes_the_same_text()
    {
        var state = PersonState.Empty(Ann) with { Name = "Ann Example", Badges = [new BadgeNumber("B1"), new BadgeNumber("B2")], Email = "ann@example.org" };
        var stored = Write(state);

        Assert.Equal(stored, Write(state));
        Assert.Equal(stored, Write(Read<PersonState>(stored)));
        Assert.DoesNotContain("\"B1\"", stored);
    }

    [Fact]
    public async Task After_erasure_the_fact_reads_with_its_sealed_form_kept_and_writes_back_unchanged()
    {
        var stored = Write(new PersonRegistered(Ann, "Ann Example", null, null, 2, At));
        var badge = Write(new BadgeAdded(Ann, new BadgeNumber("BADGE0042"), At));

        await _keys.Erase(Ann, CancellationToken.None);

        var read = Read<PersonRegistered>(stored);
        Assert.Equal("erased person #p-ann", ErasedPerson.Shown(read.Name));
        Assert.Equal(2, read.MaxKeys);
        Assert.Equal(stored, Write(read));
        Assert.Equal(badge, Write(Read<BadgeAdded>(badge)));
    }

    [Fact]
    public async Task A_fact_written_about_an_erased_person_is_unreadable_too()
    {
        await _keys.Erase(Ann, CancellationToken.None);

        var stored = Write(new PersonRenamed(Ann, "Ann Again", At));

        Assert.DoesNotContain("Ann Again", stored);
        Assert.Equal("erased person #p-ann", ErasedPerson.Shown(Read<PersonRenamed>(stored).Name));
    }

    [Fact]
    public void A_badge_not_tied_to_a_person_stays_clear()
    {
        var denied = Write(new AccessDenied(new CabinetId("cab-1"), new BadgeNumber("STRANGER1"), null, RejectionCode.NotFound, At));

        Assert.Contains("\"STRANGER1\"", denied);
    }

    [Fact]
    public void An_operators_reason_in_a_remote_release_or_handover_is_sealed_under_the_person_released_or_handed_to()
    {
        var slot = new SlotId(new CabinetId("cab-1"), 2);
        var released = Write(new KeyReleased(slot, new GrantId(Guid.NewGuid()), Ann, new SessionId(Guid.NewGuid()), At, At.AddMinutes(1), new RemoteRelease("Ann Example is stuck", "ops")));
        var handed = Write(new KeyHandedOver(slot, new GrantId(Guid.NewGuid()), new PersonId("p-bob"), Ann, new HandoverOrigin("ops", "Ann Example takes over"), null, false, At));

        Assert.DoesNotContain("Ann Example", released);
        Assert.DoesNotContain("Ann Example", handed);
        Assert.Contains("\"By\":\"ops\"", released);
        Assert.Equal("Ann Example is stuck", Read<KeyReleased>(released).Remote!.Reason);
        Assert.Equal("Ann Example takes over", Read<KeyHandedOver>(handed).Origin.Reason);
        Assert.Equal(handed, Write(Read<KeyHandedOver>(handed)));
    }

    [Fact]
    public async Task After_erasure_a_reason_written_about_the_person_is_unreadable()
    {
        var handed = Write(new KeyHandedOver(new SlotId(new CabinetId("cab-1"), 2), new GrantId(Guid.NewGuid()), new PersonId("p-bob"), Ann,
            new HandoverOrigin("ops", "Ann Example takes over"), null, false, At));

        await _keys.Erase(Ann, CancellationToken.None);

        Assert.Equal("erased person #p-ann", ErasedPerson.Shown(Read<KeyHandedOver>(handed).Origin.Reason));
        Assert.Equal(handed, Write(Read<KeyHandedOver>(handed)));
    }

    [Fact]
    public void A_reason_in_a_record_that_names_no_one_stays_clear()
    {
        Assert.Contains("\"stuck\"", Write(new RemoteRelease("stuck", "ops")));
        Assert.Contains("\"cover\"", Write(new HandOverKeyAt(new CabinetId("cab-1"), 2, null, Ann, new HandoverOrigin("ops", "cover"), At)));
    }

    [Fact]
    public async Task An_external_id_is_sealed_in_the_persons_facts_and_the_directorys_and_reads_as_erased_after_erasure()
    {
        var external = new ExternalId("acs", "CH-77120");
        var linked = Write(new ExternalIdLinked(Ann, external, At));
        var claimed = Write(new ExternalIdClaimed(external, Ann, At));
        var directory = Write(new ExternalIdState(external, Ann));
        var person = Write(PersonState.Empty(Ann) with { ExternalIds = [external] });

        Assert.All(new[] { linked, claimed, directory, person }, stored => Assert.DoesNotContain("CH-77120", stored));
        Assert.Equal(external, Read<ExternalIdLinked>(linked).External);
        Assert.Equal(external, Read<ExternalIdClaimed>(claimed).External);
        Assert.Equal([external], Read<PersonState>(person).ExternalIds);
        Assert.Contains("\"acs:CH-77120\"", Write(new ClaimExternalId(external, Ann, At)));

        await _keys.Erase(Ann, CancellationToken.None);

        var erased = Read<ExternalIdLinked>(linked).External;
        Assert.True(ErasedPerson.IsSealed(erased.Value));
        Assert.NotEqual(external, erased);
        Assert.Equal(linked, Write(Read<ExternalIdLinked>(linked)));
        Assert.Equal(claimed, Write(Read<ExternalIdClaimed>(claimed)));
    }

    [Fact]
    public async Task An_operators_note_on_an_alarm_is_sealed_under_the_alarms_person_and_stays_clear_on_an_alarm_about_no_one()
    {
        var acknowledged = Write(new AlarmAcknowledged(new AlarmId(7), "ops", "called Ann Example", null, At, Ann));
        var snapshot = Write(new AlarmState(new AlarmId(7), Read<AlarmAcknowledged>(acknowledged), null));
        var aboutNoOne = Write(new AlarmCleared(new AlarmId(8), "ops", "door fixed", new CabinetId("cab-1"), At));

        Assert.DoesNotContain("Ann Example", acknowledged);
        Assert.DoesNotContain("Ann Example", snapshot);
        Assert.Equal("called Ann Example", Read<AlarmAcknowledged>(acknowledged).Note);
        Assert.Contains("\"door fixed\"", aboutNoOne);
        Assert.DoesNotContain("\"Person\"", aboutNoOne);

        await _keys.Erase(Ann, CancellationToken.None);

        Assert.Equal("erased person #p-ann", AlarmDetails.Of(Read<AlarmState>(snapshot)).Acknowledged?.Note);
        Assert.Equal(acknowledged, Write(Read<AlarmAcknowledged>(acknowledged)));
    }

    [Fact]
    public void A_fact_stored_in_clear_before_sealing_reads_as_it_was()
    {
        var clear = Write(new PersonRegistered(Ann, "Ann Example", null, null, 2, At), StoredJson.Clear);

        Assert.Contains("Ann Example", clear);
        Assert.Equal("Ann Example", Read<PersonRegistered>(clear).Name);
    }

    [Fact]
    public async Task Another_node_opens_what_one_sealed_and_stops_within_the_cache_time_after_the_first_erases()
    {
        var other = StoredJson.Sealing(Keys());
        var stored = Write(new PersonRegistered(Ann, "Ann Example", null, null, 2, At));
        Assert.Equal("Ann Example", Read<PersonRegistered>(stored, other).Name);

        await _keys.Erase(Ann, CancellationToken.None);
        _clock.Advance(PersonKeys.LookEvery + TimeSpan.FromSeconds(1));

        Assert.True(ErasedPerson.IsSealed(Read<PersonRegistered>(stored, other).Name));
    }

    [Fact]
    public async Task A_key_stays_in_memory_past_the_cache_time_and_stops_opening_within_it_after_another_node_destroys_it()
    {
        var cy = Someone();
        var stored = Write(Reason("Cy Example's run", Old) with { Holder = cy, Site = Depot });
        var other = Keys();
        var otherJson = StoredJson.Sealing(other);
        Assert.Equal("Cy Example's run", Read<TakeReasonGiven>(stored, otherJson).Reason);
        var readBefore = other.LoadedInline;

        // Past the cache time, with nothing destroyed, the key is still at hand: no read of the store for it.
        _clock.Advance(PersonKeys.LookEvery + TimeSpan.FromSeconds(1));
        Assert.Equal("Cy Example's run", Read<TakeReasonGiven>(stored, otherJson).Reason);
        Assert.Equal(readBefore, other.LoadedInline);

        // Retention on this node destroys the key: the other node still opens with it until its next look, not after.
        await _keys.Count(Global(2017), "look-cy", CancellationToken.None);
        await _keys.DestroyCounted("look-cy", CancellationToken.None);
        Assert.Equal("Cy Example's run", Read<TakeReasonGiven>(stored, otherJson).Reason);
        _clock.Advance(PersonKeys.LookEvery + TimeSpan.FromSeconds(1));
        Assert.True(ErasedPerson.IsSealed(Read<TakeReasonGiven>(stored, otherJson).Reason));
    }

    [Fact]
    public async Task A_starting_node_reads_the_key_store_at_its_first_lookup_keeps_it_as_a_lookup_would_and_opens_nothing_erased_or_destroyed()
    {
        var name = Write(new PersonRegistered(Ann, "Ann Example", null, null, 2, At));
        var recent = Write(Reason("Ann Example's day run", At));
        var old = Write(Reason("Ann Example's night run", Old));
        var bobs = Write(Reason("Bob Example's run", At) with { Holder = Bob });
        await _keys.Erase(Bob, CancellationToken.None);
        await _keys.Count(Global(2017), "look-1", CancellationToken.None);
        await _keys.DestroyCounted("look-1", CancellationToken.None);

        var started = StoredJson.Sealing(Keys());
        Assert.Equal("Ann Example", Read<PersonRegistered>(name, started).Name);
        // Another node erases Ann after that first lookup: her key of this year, read with the store then, still opens
        // within the cache time (as any key read is), and no longer after it.
        await Keys().Erase(Ann, CancellationToken.None);
        Assert.Equal("Ann Example's day run", Read<TakeReasonGiven>(recent, started).Reason);
        Assert.True(ErasedPerson.IsSealed(Read<TakeReasonGiven>(old, started).Reason));
        Assert.True(ErasedPerson.IsSealed(Read<TakeReasonGiven>(bobs, started).Reason));
        _clock.Advance(PersonKeys.LookEvery + TimeSpan.FromSeconds(1));
        Assert.True(ErasedPerson.IsSealed(Read<TakeReasonGiven>(recent, started).Reason));
    }

    [Fact]
    public void Custody_history_is_sealed_under_the_persons_key_of_the_facts_own_year_and_their_profile_under_their_own()
    {
        var reason = Write(Reason("Ann Example's night run", Old));
        var name = Write(new PersonRenamed(Ann, "Ann Example", Old));
        var session = Write(new CabinetSessionOpened(new CabinetId("cab-1"), new SessionId(Guid.NewGuid()), Ann, new BadgeNumber("BADGE0042"), Old, Old));

        Assert.Contains("\"sealed/v2/p-ann/2016/", reason);
        Assert.Contains("\"sealed/v2/p-ann/2016/", session);
        Assert.Contains("\"sealed/v1/p-ann/", name);
        Assert.Equal(reason, Write(Read<TakeReasonGiven>(reason)));
        Assert.NotNull(_keys.Find(Ann, new HistoryPart(2016, null)));
    }

    [Fact]
    public async Task History_is_sealed_under_a_key_per_person_year_and_the_site_the_fact_names_and_each_site_is_cut_at_its_own_retention()
    {
        var depot = Write(Reason("Ann Example's depot run", Old) with { Site = Depot });
        var harbour = Write(Reason("Ann Example's harbour run", Old) with { Site = Harbour });
        var again = Write(Reason("Ann Example's second depot run", Old.AddMonths(1)) with { Site = Depot });
        var noSite = Write(Reason("Ann Example's run of an older journal", Old));
        var session = Write(new CabinetSessionOpened(new CabinetId("cab-1"), new SessionId(Guid.NewGuid()), Ann, new BadgeNumber("BADGE0042"), Old, Old, Depot));

        Assert.Contains("\"sealed/v2/p-ann/2016/depot/", depot);
        Assert.Contains("\"sealed/v2/p-ann/2016/depot/", session);
        Assert.Contains("\"sealed/v2/p-ann/2016/harbour/", harbour);
        Assert.Equal(depot, Write(Read<TakeReasonGiven>(depot)));
        // One key per person, year and site: the second run at the depot made none.
        Assert.Equal([new CountedKeys(null, 2016, 1), new CountedKeys(Depot, 2016, 1), new CountedKeys(Harbour, 2016, 1)],
            (await _keys.Count(Global(2017), "look-0", CancellationToken.None)).OrderBy(c => c.Site?.Value));

        // The depot keeps 2016 no longer, the harbour does, and facts naming no site follow the global period (here: kept).
        var cuts = new RetentionPolicy(null, new Dictionary<SiteId, TimeSpan> { [Depot] = TimeSpan.FromDays(1), [Harbour] = TimeSpan.FromDays(3653) })
            .Cuts(At);
        Assert.Equal([new CountedKeys(Depot, 2016, 1)], await _keys.Count(cuts, "look-1", CancellationToken.None));
        Assert.Equal(1, await _keys.DestroyCounted("look-1", CancellationToken.None));

        Assert.True(ErasedPerson.IsSealed(Read<TakeReasonGiven>(depot).Reason));
        Assert.True(ErasedPerson.IsSealed(Read<TakeReasonGiven>(again).Reason));
        Assert.True(ErasedPerson.IsSealed(Read<CabinetSessionOpened>(session).Badge.Value));
        Assert.Equal("Ann Example's harbour run", Read<TakeReasonGiven>(harbour).Reason);
        Assert.Equal("Ann Example's run of an older journal", Read<TakeReasonGiven>(noSite).Reason);
        // With a global period too, the facts naming no site go at its cut-off; the harbour's own still wins there.
        var global = new RetentionPolicy(TimeSpan.FromDays(1), new Dictionary<SiteId, TimeSpan> { [Harbour] = TimeSpan.FromDays(3653) }).Cuts(At);
        Assert.Equal([new CountedKeys(null, 2016, 1)], await _keys.Count(global, "look-2", CancellationToken.None));
        Assert.Equal(1, await _keys.DestroyCounted("look-2", CancellationToken.None));
        Assert.True(ErasedPerson.IsSealed(Read<TakeReasonGiven>(noSite).Reason));
        Assert.Equal("Ann Example's harbour run", Read<TakeReasonGiven>(harbour).Reason);
    }

    [Fact]
    public async Task The_keys_facts_will_be_sealed_under_are_named_by_writing_them_and_made_ahead_so_sealing_then_reads_nothing()
    {
        // Someone new: a database shared by this class's specs may hold Ann's keys already.
        var cy = Someone();
        var session = new CabinetSessionOpened(new CabinetId("cab-1"), new SessionId(Guid.NewGuid()), cy, new BadgeNumber("BADGE0042"), Old, Old, Depot);
        var renamed = new PersonRenamed(cy, "Cy Example", At);
        var stranger = new AccessDenied(new CabinetId("cab-1"), new BadgeNumber("STRANGER1"), null, RejectionCode.NotFound, At);

        var preparing = _json.PrepareKeys([session, renamed, stranger]);

        Assert.NotNull(preparing);
        await preparing;
        Assert.Null(_json.PrepareKeys([session, renamed, stranger]));
        var stored = Write(session);
        Assert.Equal(0, _keys.LoadedInline);
        Assert.Contains($"\"sealed/v2/{cy}/2016/depot/", stored);
        // Made in the store, not only in this node's memory: a node starting now opens it.
        Assert.Equal(new BadgeNumber("BADGE0042"), Read<CabinetSessionOpened>(stored, StoredJson.Sealing(Keys())).Badge);
        Assert.NotNull(Keys().Find(cy));
        Assert.Null(_json.PrepareKeys([stranger]));
    }

    [Fact]
    public async Task Two_nodes_making_the_same_key_ahead_at_once_share_the_one_stored_first()
    {
        // Someone new: a database shared by this class's specs may hold Ann's keys already.
        var cy = Someone();
        var session = new CabinetSessionOpened(new CabinetId("cab-1"), new SessionId(Guid.NewGuid()), cy, new BadgeNumber("BADGE0042"), Old, Old, Depot);
        var otherKeys = Keys();
        var other = StoredJson.Sealing(otherKeys);
        // Both nodes have read the store (their first lookup) before either makes the key.
        Assert.Null(_keys.Find(cy));
        Assert.Null(otherKeys.Find(cy));

        await Task.WhenAll(_json.PrepareKeys([session])!, other.PrepareKeys([session])!);

        Assert.Equal(Write(session), Write(session, other));
        Assert.Equal(new BadgeNumber("BADGE0042"), Read<CabinetSessionOpened>(Write(session), other).Badge);
    }

    [Fact]
    public async Task No_key_is_made_ahead_for_an_erased_person_so_a_late_fact_about_them_stays_unreadable()
    {
        var cy = Someone();
        await _keys.Erase(cy, CancellationToken.None);
        var late = StoredJson.Sealing(Keys());
        var session = new CabinetSessionOpened(new CabinetId("cab-1"), new SessionId(Guid.NewGuid()), cy, new BadgeNumber("BADGE0042"), At, At, Depot);

        await (late.PrepareKeys([session]) ?? Task.CompletedTask);
        var stored = Write(session, late);

        Assert.DoesNotContain("BADGE0042", stored);
        Assert.True(ErasedPerson.IsSealed(Read<CabinetSessionOpened>(stored, StoredJson.Sealing(Keys())).Badge.Value));
        Assert.Null(Keys().Find(cy, new HistoryPart(2026, Depot)));
    }

    [Fact]
    public void An_approval_requests_reason_is_kept_at_the_site_the_request_names_inside_the_event_holding_it()
    {
        var request = new ApprovalRequest(ApprovalRequestId.New(new SlotId(new CabinetId("cab-1"), 2)), new KeyId("k-1"), Ann, "Ann Example's night shift", "cabinet cab-1", Old, Old.AddHours(1),
            ApproverKind.Person, null) { Site = Harbour };

        var stored = Write(new ApprovalRequested(new SlotId(new CabinetId("cab-1"), 2), request, Old));

        Assert.Contains("\"sealed/v2/p-ann/2016/harbour/", stored);
        Assert.Equal("Ann Example's night shift", Read<ApprovalRequested>(stored).Request.Reason);
    }

    [Fact]
    public async Task Retention_destroys_the_keys_of_past_years_only_so_old_history_reads_as_the_erased_person_and_the_rest_stays_readable()
    {
        var old = Write(Reason("Ann Example's night run", Old));
        var recent = Write(Reason("Ann Example's day run", At));
        var name = Write(new PersonRenamed(Ann, "Ann Example", Old));
        Assert.Equal([new CountedKeys(null, 2016, 1)], await _keys.Count(Global(2017), "look-1", CancellationToken.None));

        Assert.Equal(1, await _keys.DestroyCounted("look-1", CancellationToken.None));

        Assert.Equal("erased person #p-ann", ErasedPerson.Shown(Read<TakeReasonGiven>(old).Reason));
        Assert.Equal(old, Write(Read<TakeReasonGiven>(old)));
        Assert.Equal("Ann Example's day run", Read<TakeReasonGiven>(recent).Reason);
        Assert.Equal("Ann Example", Read<PersonRenamed>(name).Name);
        Assert.Empty(await _keys.Count(Global(2017), "look-2", CancellationToken.None));
        Assert.Equal(0, await _keys.DestroyCounted("look-2", CancellationToken.None));
        // Nothing of that year is readable again, even written afresh, nor by another node reading the key store.
        Assert.True(ErasedPerson.IsSealed(Read<TakeReasonGiven>(Write(Reason("Ann Example again", Old))).Reason));
        Assert.True(ErasedPerson.IsSealed(Read<TakeReasonGiven>(old, StoredJson.Sealing(Keys())).Reason));
    }

    [Fact]
    public async Task A_key_made_between_a_retention_count_and_its_destruction_is_left_for_the_next_look_to_count_never_destroyed_uncounted()
    {
        var counted = Write(Reason("Ann Example's night run", Old));
        Assert.Single(await _keys.Count(Global(2017), "look-1", CancellationToken.None));
        var late = Write(Reason("Bob Example's late run", Old) with { Holder = Bob });

        Assert.Equal(1, await _keys.DestroyCounted("look-1", CancellationToken.None));

        Assert.True(ErasedPerson.IsSealed(Read<TakeReasonGiven>(counted).Reason));
        Assert.Equal("Bob Example's late run", Read<TakeReasonGiven>(late).Reason);
        Assert.Equal([new CountedKeys(null, 2016, 1)], await _keys.Count(Global(2017), "look-2", CancellationToken.None));
        Assert.Equal(1, await _keys.DestroyCounted("look-2", CancellationToken.None));
        Assert.True(ErasedPerson.IsSealed(Read<TakeReasonGiven>(late).Reason));
    }

    [Fact]
    public async Task Erasure_destroys_the_persons_keys_of_every_year_too()
    {
        var old = Write(Reason("Ann Example's night run", Old));

        await _keys.Erase(Ann, CancellationToken.None);

        Assert.True(ErasedPerson.IsSealed(Read<TakeReasonGiven>(old, StoredJson.Sealing(Keys())).Reason));
        Assert.True(ErasedPerson.IsSealed(Read<TakeReasonGiven>(Write(Reason("late", new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero)))).Reason));
    }

    /// <summary>The global cut that keeps <paramref name="firstKept"/> and later.</summary>
    private static IReadOnlyList<RetentionCut> Global(int firstKept) => [new RetentionCut(null, HistoryPeriod.StartOf(firstKept))];

    private static TakeReasonGiven Reason(string reason, DateTimeOffset at) =>
        new(new SlotId(new CabinetId("cab-1"), 2), new KeyId("k-1"), Ann, 1, reason, at);

    /// <summary>Journals outlive the code: for a given key, a value's sealed text is pinned (its format and its nonce's derivation).</summary>
    [Fact]
    public void The_sealed_form_of_a_value_under_a_given_key_is_what_journals_hold()
    {
        Assert.Null(_keys.Find(Ann));
        using (var db = new LinqToDB.Data.DataConnection(FleetKeys.Cluster.Persistence.DatabaseConnections.For(_database.Settings, _database.Settings.ResolveConnectionString())))
            LinqToDB.DataExtensions.Insert(db, new PersonKeyRow
            {
                PersonId = Ann.Value, WrappedKey = new NodeKeys(TestNode.MasterSecret).PersonKeys.Seal(Enumerable.Repeat((byte)0x42, 32).ToArray(), "person-key/p-ann"),
            });

        var stored = Write(new PersonRenamed(Ann, "Ann Example", At));

        Assert.Equal(SealedSample, stored);
        Assert.Equal("Ann Example", Read<PersonRenamed>(SealedSample).Name);
    }

    private const string SealedSample =
        """{"Name":"sealed/v1/p-ann/uKRtDAhxj-7h_WdRJxwutUr74IrXLJ4Ajd0s2-HvqKbmu0z1JJPa","Person":"p-ann","At":"2026-06-01T08:00:00+00:00"}""";

    [Fact]
    public void The_key_store_holds_no_key_in_clear()
    {
        Write(new PersonRegistered(Ann, "Ann Example", null, null, 2, At));
        var key = _keys.Find(Ann)!;

        using var db = new LinqToDB.Data.DataConnection(FleetKeys.Cluster.Persistence.DatabaseConnections.For(_database.Settings, _database.Settings.ResolveConnectionString()));
        var wrapped = LinqToDB.DataExtensions.GetTable<PersonKeyRow>(db).Single(r => r.PersonId == Ann.Value).WrappedKey!;
        Assert.Equal(32, key.Length);
        Assert.DoesNotContain(Convert.ToHexString(key), Convert.ToHexString(wrapped));
    }
}

public sealed class SqlitePersonalSealingSpecs : PersonalSealingSpecs<SqliteTestDatabase>;

public sealed class PostgresPersonalSealingSpecs : PersonalSealingSpecs<PostgresTestDatabase>;
