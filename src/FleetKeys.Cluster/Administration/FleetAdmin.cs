using Akka.Actor;
using Akka.Hosting;
using FleetKeys.Cluster.Cabinets;
using FleetKeys.Cluster.Controllers;
using FleetKeys.Cluster.Credentials;
using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.ExternalIds;
using FleetKeys.Cluster.KeyIds;
using FleetKeys.Cluster.KeySlots;
using FleetKeys.Cluster.People;
using FleetKeys.Cluster.Persistence;
using FleetKeys.Cluster.Security;
using FleetKeys.Cluster.Sites;
using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Credentials;
using FleetKeys.Domain.ExternalIds;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeyIds;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Security;
using FleetKeys.Domain.Sites;

namespace FleetKeys.Cluster.Administration;

/// <summary>
/// Configuration changes that span entities (a key needs its cabinet's time zone and a home on the cabinet; a badge
/// needs the directory and the person), written once for the management API, the demo seeder and the tests.
/// Each step is idempotent, so a failed operation can simply be repeated.
/// </summary>
public sealed class FleetAdmin(IActorRegistry registry, TimeProvider clock, EntitySettings settings, JournalHistory history, NodeKeys keys)
{
    private DateTimeOffset Now => clock.GetUtcNow();

    private async Task<Outcome<T>> Ask<T, TRegion>(object message) where T : class =>
        Outcome<T>.From(await registry.Get<TRegion>().Ask<object>(Originated(message), settings.AskTimeout * 2));

    private static object Originated(object message) =>
        message is PersonCommand command && OriginScope.Current is not null
            ? command with { Origin = OriginScope.Current, Sent = OriginScope.CurrentVersion }
            : message;

    /// <summary>
    /// A read must not create or start anything: asking an entity that never existed would start one (and, for a remembered
    /// controller, keep it for good). So the entity's journal is asked first whether it ever recorded anything — the journal,
    /// not the read side, because it is current: what was created a moment ago is found.
    /// </summary>
    private async Task<Outcome<T>> Read<T, TRegion>(string persistenceId, object message, Func<T, bool> exists, string missing) where T : class
    {
        var outcome = await history.Exists(persistenceId) ? await Ask<T, TRegion>(message) : default;
        return outcome.Rejection is null && (outcome.Value is not { } value || !exists(value)) ? Rejection.Of(RejectionCode.NotFound, missing) : outcome;
    }

    public Task<Outcome<SiteDetails>> RegisterSite(SiteId site, string name, string timeZoneId, string by) =>
        Ask<SiteDetails, SiteRegion>(new RegisterSite(site, name, timeZoneId, Now, by));

    public Task<Outcome<SiteDetails>> GetSite(SiteId site) =>
        Read<SiteDetails, SiteRegion>(PersistenceIds.Site(site), new GetSite(site), s => s.Registered, $"site {site} does not exist");

    public async Task<Outcome<SiteDetails>> SetHolidays(SiteId site, IReadOnlyList<DateOnly> holidays, string by)
    {
        var found = await GetSite(site);
        return found.Rejection is { } rejection ? rejection : await Ask<SiteDetails, SiteRegion>(new SetHolidays(site, holidays, Now, by));
    }

    public async Task<Outcome<ControllerDetails>> RegisterController(ControllerId controller, string host, int port, OfflinePolicy offlinePolicy, string by) =>
        await OnRecord(controller) == ControllerRecord.Decommissioned
            ? Rejection.Of(RejectionCode.Conflict, $"controller {controller} was decommissioned; its id is not used again")
            : await Ask<ControllerDetails, ControllerRegion>(new RegisterController(controller, host, port, offlinePolicy, Now, by));

    public async Task<Outcome<ControllerDetails>> GetController(ControllerId controller)
    {
        if (await Unknown(controller) is { } unknown) return unknown;
        var outcome = await Ask<ControllerDetails, ControllerRegion>(new GetController(controller));
        return outcome.Value is { Registered: false } ? Rejection.Of(RejectionCode.NotFound, $"controller {controller} does not exist") : outcome;
    }

    /// <summary>A field left null stays as it is; the driver redials a new address at once.</summary>
    public async Task<Outcome<ControllerDetails>> ChangeController(ControllerId controller, string? host, int? port, OfflinePolicy? offlinePolicy, string by) =>
        await Unknown(controller) ?? await Ask<ControllerDetails, ControllerRegion>(new ChangeController(controller, host, port, offlinePolicy, by, Now));

    /// <summary>Lets the device at a bus address be commissioned (given its own key) for a while; the driver restarts and does it.</summary>
    public async Task<Outcome<ControllerDetails>> OpenCommissioning(ControllerId controller, int busAddress, TimeSpan window, string by) =>
        await Unknown(controller) ?? await Ask<ControllerDetails, ControllerRegion>(new OpenCommissioning(controller, busAddress, window, by, Now));

    /// <summary>Asks for the next key generation of the device at a bus address; its driver sends it at the device's next session.</summary>
    public async Task<Outcome<ControllerDetails>> RotateDeviceKey(ControllerId controller, int busAddress, string by) =>
        await Unknown(controller) ?? await Ask<ControllerDetails, ControllerRegion>(new RotateDeviceKey(controller, busAddress, by, Now));

    /// <summary>Moves the device at a bus address to another address (and baud rate); its driver does it at the device's next session.</summary>
    public async Task<Outcome<ControllerDetails>> MoveDevice(ControllerId controller, int busAddress, int to, int? baudRate, string by) =>
        await Unknown(controller) ?? await Ask<ControllerDetails, ControllerRegion>(new MoveDevice(controller, busAddress, to, baudRate, by, Now));

    /// <summary>Puts the controller's link in TLS trusting only the certificate with this SHA-256 thumbprint, or (null) back to plain TCP.</summary>
    public async Task<Outcome<ControllerDetails>> SetControllerTls(ControllerId controller, string? thumbprint, string by) =>
        await Unknown(controller) ?? await Ask<ControllerDetails, ControllerRegion>(new SetControllerTls(controller, thumbprint, by, Now));

    public async Task<Outcome<ControllerDetails>> DecommissionController(ControllerId controller, string by) =>
        await Unknown(controller) ?? await Ask<ControllerDetails, ControllerRegion>(new DecommissionController(controller, by, Now));

    private enum ControllerRecord
    {
        None,
        InService,
        Decommissioned,
    }

    /// <summary>
    /// Controllers are remembered entities: asking one that never existed, or one decommissioned, would start it (and have
    /// the cluster remember it) for a request that changes nothing, so the journal is asked first. Decommissioning is final,
    /// so what the journal says about it cannot change under the request.
    /// </summary>
    private async Task<ControllerRecord> OnRecord(ControllerId controller)
    {
        var events = await history.EventsOf(PersistenceIds.Controller(controller));
        return events.Count == 0 ? ControllerRecord.None
            : events.Any(e => e.Event is ControllerDecommissioned) ? ControllerRecord.Decommissioned
            : ControllerRecord.InService;
    }

    private async Task<Rejection?> Unknown(ControllerId controller) => await OnRecord(controller) switch
    {
        ControllerRecord.None => Rejection.Of(RejectionCode.NotFound, $"controller {controller} does not exist"),
        ControllerRecord.Decommissioned => Rejection.Of(RejectionCode.NotFound, $"controller {controller} was decommissioned"),
        _ => null,
    };

    public Task<Outcome<DriverStatus>> GetDriverStatus(ControllerId controller) =>
        Ask<DriverStatus, ControllerRegion>(new GetDriverStatus(controller));

    /// <summary>
    /// The bus address is claimed on the controller first, so two cabinets can never share one; the controller refuses a
    /// cabinet while it is not registered. Its journal is asked first: the ask would start — and remember — a controller
    /// that does not exist. A mixed cabinet's stock reader (<paramref name="readerAddress"/>) is claimed with it, on the same bus.
    /// </summary>
    public async Task<Outcome<CabinetDetails>> RegisterCabinet(
        CabinetId cabinet, SiteId site, ControllerId controller, int busAddress, int slotCount, bool requiresPin, string by, int? readerAddress = null)
    {
        var found = await GetSite(site);
        if (found.Value is not { } siteDetails) return found.Rejection!.About("siteId");
        if (!await history.Exists(PersistenceIds.Controller(controller)))
            return Rejection.Of(RejectionCode.NotFound, $"controller {controller} does not exist").About("controllerId");
        var attached = await Ask<ControllerDetails, ControllerRegion>(new AttachCabinet(controller, busAddress, cabinet, requiresPin, Now, readerAddress));
        if (attached.Rejection is { } rejection) return rejection.Code == RejectionCode.NotFound ? rejection.About("controllerId") : rejection;
        return await Ask<CabinetDetails, CabinetRegion>(new RegisterCabinet(
            cabinet, site, siteDetails.TimeZoneId, controller, busAddress, slotCount, requiresPin, Now, by));
    }

    public Task<Outcome<CabinetDetails>> GetCabinet(CabinetId cabinet) =>
        Read<CabinetDetails, CabinetRegion>(PersistenceIds.Cabinet(cabinet), new GetCabinet(cabinet), c => c.Registered,
            $"cabinet {cabinet} does not exist");

    /// <summary>
    /// Re-wires the cabinet (a field left null stays; <paramref name="removeReader"/> takes its stock reader away); the
    /// controller it moves to must be on record and in service.
    /// </summary>
    public async Task<Outcome<CabinetDetails>> ChangeCabinet(
        CabinetId cabinet, ControllerId? controller, int? busAddress, bool? requiresPin, string by, int? readerAddress = null, bool removeReader = false)
    {
        if (controller is { } to && await Unknown(to) is { } unknown) return unknown;
        return await Ask<CabinetDetails, CabinetRegion>(
            new ChangeCabinet(cabinet, controller, busAddress, requiresPin, by, Now, readerAddress, removeReader));
    }

    public Task<Outcome<CabinetDetails>> DecommissionCabinet(CabinetId cabinet, string by) =>
        Ask<CabinetDetails, CabinetRegion>(new DecommissionCabinet(cabinet, by, Now));

    public Task<Outcome<CabinetDetails>> SetInterlock(CabinetId cabinet, InterlockGroup group, string by) =>
        Ask<CabinetDetails, CabinetRegion>(new SetInterlock(cabinet, group, Now, by));

    public Task<Outcome<CabinetDetails>> SetReturnGroups(CabinetId cabinet, IReadOnlyList<string> groups, string by) =>
        Ask<CabinetDetails, CabinetRegion>(new SetReturnGroups(cabinet, groups, by, Now));

    public Task<Outcome<CabinetDetails>> RemoveInterlock(CabinetId cabinet, string name, string by) =>
        Ask<CabinetDetails, CabinetRegion>(new RemoveInterlock(cabinet, name, Now, by));

    /// <summary>The cabinet has the slot take the key (with the site's time zone), then homes its tag.</summary>
    public async Task<Outcome<KeySlotDetails>> AssignKey(SlotId slot, KeyDefinition key, string by) =>
        NamedSlot(await Ask<KeySlotDetails, CabinetRegion>(new AssignKeyToSlot(slot.Cabinet, slot.Number, key, Now, by)));

    /// <summary>The slot lets its key go (never while it is released or out), then the cabinet gives up the tag's home.</summary>
    public async Task<Outcome<KeySlotDetails>> RemoveKey(SlotId slot, string by) =>
        NamedSlot(await Ask<KeySlotDetails, CabinetRegion>(new RemoveKeyFromSlot(slot.Cabinet, slot.Number, by, Now)));

    /// <summary>
    /// Changes the policy of every key of <paramref name="group"/> found in <paramref name="slots"/> (their homes as the read side
    /// lists them), one slot at a time through <see cref="AssignKey"/>, so each change is checked and recorded as a key's own.
    /// A slot whose key has left the group since is not counted; a slot that refuses is reported and keeps its policy.
    /// </summary>
    public async Task<Outcome<GroupPolicyChange>> ChangeGroupPolicy(
        KeyGroup group, IReadOnlyList<SlotId> slots, Func<CustodyPolicy, CustodyPolicy> change, string by)
    {
        var (keys, changed, refused) = (0, 0, new List<RefusedKey>());
        foreach (var slot in slots)
        {
            if ((await GetCustody(slot)).Value?.Key is not { } key || key.Group != group) continue;
            keys++;
            var changedKey = key with { Policy = change(key.Policy) };
            if (changedKey == key) continue;
            var assigned = await AssignKey(slot, changedKey, by);
            if (assigned.Rejection is { } rejection) refused.Add(new RefusedKey(slot, key.Id, rejection));
            else changed++;
        }

        if (keys == 0) return Rejection.Of(RejectionCode.NotFound, $"key group {group} has no keys");
        return new Outcome<GroupPolicyChange>(new GroupPolicyChange(group, keys, changed, refused), null);
    }

    /// <summary>A slot the request names that the cabinet does not have is not found, as on every route that names a slot.</summary>
    private static Outcome<KeySlotDetails> NamedSlot(Outcome<KeySlotDetails> outcome) =>
        outcome.Rejection is { Code: RejectionCode.UnknownSlot } unknown ? unknown with { Code = RejectionCode.NotFound } : outcome;

    public Task<Outcome<KeySlotDetails>> GetCustody(SlotId slot) =>
        Read<KeySlotDetails, KeySlotRegion>(PersistenceIds.KeySlot(slot), new GetCustody(slot), s => s.Status != CustodyStatus.Unassigned,
            $"no key is homed in slot {slot}");

    /// <summary>Books the slot's key for a registered person; an unknown slot or person is not found rather than booked.</summary>
    public async Task<Outcome<KeySlotDetails>> Reserve(
        SlotId slot, ReservationId reservation, PersonId person, DateTimeOffset from, DateTimeOffset until, TimeSpan leadTime)
    {
        var custody = await GetCustody(slot);
        if (custody.Rejection is { } noKey) return noKey;
        var found = await GetPerson(person);
        if (found.Rejection is { } nobody) return nobody;
        return await Ask<KeySlotDetails, KeySlotRegion>(new ReserveKey(slot, reservation, person, from, until, leadTime, Now));
    }

    /// <summary>
    /// Files a registered person's request for the slot's key; an unknown slot or person is not found rather than filed, and someone
    /// who could not take the key once it is approved (not entitled to it, not active) is refused.
    /// </summary>
    public async Task<Outcome<ApprovalRequest>> FileApprovalRequest(SlotId slot, PersonId person, string? reason, string by)
    {
        var custody = await GetCustody(slot);
        if (custody.Rejection is { } noKey) return noKey;
        var cabinet = await GetCabinet(slot.Cabinet);
        if (cabinet.Rejection is { } unavailable) return unavailable;
        var site = cabinet.Value!.Site;
        var may = await Read<PersonDetails, PersonRegion>(PersistenceIds.Person(person), new MayRequestKey(person, slot, custody.Value!.Key!.Group, site, Now),
            p => p.Registered, $"person {person} does not exist");
        if (may.Rejection is { } refused) return refused.About("personId");
        return await Ask<ApprovalRequest, KeySlotRegion>(new FileApprovalRequest(slot, ApprovalRequestId.New(slot), person, reason, by, Now, site));
    }

    /// <summary>The approver's decision goes to the key's slot, named by the request's id; a slot that never held a key knows no request.</summary>
    public async Task<Outcome<ApprovalRequest>> DecideApprovalRequest(ApprovalRequestId request, bool approve, string by, string? note)
    {
        if (!await history.Exists(PersistenceIds.KeySlot(request.Slot)))
            return Rejection.Of(RejectionCode.NotFound, $"approval request {request} does not exist");
        return await Ask<ApprovalRequest, KeySlotRegion>(new DecideApprovalRequest(request.Slot, request, approve, by, note, Now));
    }

    public async Task<Outcome<KeySlotDetails>> CancelReservation(SlotId slot, ReservationId reservation, string by)
    {
        var custody = await GetCustody(slot);
        if (custody.Rejection is { } noKey) return noKey;
        return await Ask<KeySlotDetails, KeySlotRegion>(new CancelReservation(slot, reservation, by, Now));
    }

    /// <summary>A fault against the slot's key, reported by an operator; an unknown slot or one without a key is not found.</summary>
    public async Task<Outcome<KeySlotDetails>> ReportFault(SlotId slot, FaultId fault, FaultSeverity severity, string description, string by)
    {
        var custody = await GetCustody(slot);
        if (custody.Rejection is { } noKey) return noKey;
        return await Ask<KeySlotDetails, KeySlotRegion>(new ReportFault(slot, fault, severity, description, null, by, Now));
    }

    public async Task<Outcome<KeySlotDetails>> ClearFault(SlotId slot, FaultId fault, string note, string by)
    {
        var custody = await GetCustody(slot);
        if (custody.Rejection is { } noKey) return noKey;
        return await Ask<KeySlotDetails, KeySlotRegion>(new ClearFault(slot, fault, note, by, Now));
    }

    /// <summary>An operator records the answers of a return made without them; an unknown slot or one without a key is not found.</summary>
    public async Task<Outcome<KeySlotDetails>> AnswerReturnQuestions(SlotId slot, ReturnAnswers answers, string by)
    {
        var custody = await GetCustody(slot);
        if (custody.Rejection is { } noKey) return noKey;
        return await Ask<KeySlotDetails, KeySlotRegion>(new AnswerReturnQuestions(slot, answers, by, Now));
    }

    public Task<Outcome<PersonDetails>> RegisterPerson(PersonId person, string name, DateTimeOffset? validFrom, DateTimeOffset? validUntil, int maxKeys) =>
        Ask<PersonDetails, PersonRegion>(new RegisterPerson(person, name, validFrom, validUntil, maxKeys, Now));

    public Task<Outcome<PersonDetails>> GetPerson(PersonId person) =>
        Read<PersonDetails, PersonRegion>(PersistenceIds.Person(person), new GetPerson(person), p => p.Registered, $"person {person} does not exist");

    /// <summary>The directory entry is claimed first: it is the single writer that keeps a badge to one person.</summary>
    public async Task<Outcome<PersonDetails>> AddBadge(PersonId person, BadgeNumber badge)
    {
        var found = await GetPerson(person);
        if (found.Value is null) return found;
        var claimed = await Ask<CredentialState, CredentialRegion>(new ClaimBadge(badge, person, Now));
        if (claimed.Rejection is { } rejection) return rejection;
        return await Ask<PersonDetails, PersonRegion>(new AddBadge(person, badge, Now));
    }

    /// <summary>
    /// Whose a badge is, as the credential directory has recorded it — folded from its journal, so asking about any number of
    /// badges (an import's dry run) starts no entity. Advisory: claiming the badge is what decides.
    /// </summary>
    public async Task<PersonId?> OwnerOf(BadgeNumber badge) =>
        (await history.EventsOf(PersistenceIds.Credential(badge, keys.Badges))).Select(e => e.Event).OfType<CredentialEvent>()
        .Aggregate(new CredentialState(badge, null), (state, e) => state.Apply(e)).Owner;

    /// <summary>
    /// Reserves the external id for the person in its directory — the single writer that keeps one cardholder to one person
    /// — before anything else of the request is done, so a request that loses the race changes nothing.
    /// </summary>
    public Task<Outcome<ExternalIdState>> ClaimExternalId(ExternalId external, PersonId person) =>
        Ask<ExternalIdState, ExternalIdRegion>(new ClaimExternalId(external, person, Now));

    /// <summary>The directory entry is claimed first (again: claiming one's own is a no-op), then the person records the link.</summary>
    public async Task<Outcome<PersonDetails>> LinkExternalId(PersonId person, ExternalId external)
    {
        var claimed = await ClaimExternalId(external, person);
        if (claimed.Rejection is { } rejection) return rejection;
        return await Ask<PersonDetails, PersonRegion>(new LinkExternalId(person, external, Now));
    }

    /// <summary>
    /// Whom an external id is linked to, folded from the directory's journal so that asking about an unknown cardholder starts
    /// (and claims) nothing; a link is never undone, so what this answers stays true.
    /// </summary>
    public async Task<PersonId?> LinkedTo(ExternalId external) =>
        (await history.EventsOf(PersistenceIds.ExternalId(external, keys.Badges))).Select(e => e.Event).OfType<ExternalIdClaimed>()
        .Aggregate(new ExternalIdState(external, null), (state, e) => state.Apply(e)).Person;

    /// <summary>
    /// The person stops carrying the badge first, so it cannot open anything while the number is being freed. A badge the
    /// person does not hold is refused (<see cref="RejectionCode.BadgeNotHeld"/>), and its number is still freed if it was
    /// left theirs by a removal that stopped half-way, so repeating a removal always completes it.
    /// </summary>
    public async Task<Outcome<PersonDetails>> RemoveBadge(PersonId person, BadgeNumber badge)
    {
        var removed = await Ask<PersonDetails, PersonRegion>(new RemoveBadge(person, badge, Now));
        if (removed.Rejection is { Code: not RejectionCode.BadgeNotHeld }) return removed;
        var released = await Ask<CredentialState, CredentialRegion>(new ReleaseBadge(badge, person, Now));
        return released.Rejection is { } rejection ? rejection : removed;
    }

    /// <summary>
    /// Hashed and sealed here, at the edge, so no slow hashing runs on the entity's thread and no PIN reaches the journal;
    /// the person refuses a PIN equal to their duress PIN. <c>by</c> is who set it.
    /// </summary>
    public Task<Outcome<PersonDetails>> SetPin(PersonId person, string pin, string by) =>
        Ask<PersonDetails, PersonRegion>(new SetPin(person, pin, PinHash.Create(pin, keys.PinPepper), Now, by));

    public Task<Outcome<PersonDetails>> ChangePin(PersonId person, string oldPin, string pin, string by) =>
        Ask<PersonDetails, PersonRegion>(new ChangePin(person, oldPin, pin, PinHash.Create(pin, keys.PinPepper), Now, by));

    public Task<Outcome<PersonDetails>> SetEntitlements(PersonId person, IReadOnlyList<Entitlement> entitlements) =>
        Ask<PersonDetails, PersonRegion>(new SetEntitlements(person, entitlements, Now));

    public Task<Outcome<PersonDetails>> Rename(PersonId person, string name) =>
        Ask<PersonDetails, PersonRegion>(new RenamePerson(person, name, Now));

    public Task<Outcome<PersonDetails>> SetValidity(PersonId person, DateTimeOffset? validFrom, DateTimeOffset? validUntil) =>
        Ask<PersonDetails, PersonRegion>(new SetValidity(person, validFrom, validUntil, Now));

    public Task<Outcome<PersonDetails>> SetKeyLimit(PersonId person, int maxKeys) =>
        Ask<PersonDetails, PersonRegion>(new SetKeyLimit(person, maxKeys, Now));

    public Task<Outcome<PersonDetails>> SetContact(PersonId person, string? email, PersonId? manager) =>
        Ask<PersonDetails, PersonRegion>(new SetContact(person, email, manager, Now));

    public Task<Outcome<PersonDetails>> Revoke(PersonId person, PersonStatus status, string reason) =>
        Ask<PersonDetails, PersonRegion>(new RevokePerson(person, status, reason, Now));

    public Task<Outcome<PersonDetails>> RebroadcastRevocation(PersonId person) =>
        Ask<PersonDetails, PersonRegion>(new RebroadcastRevocation(person));

    /// <summary>
    /// The person decides (refused while they hold a key); then the badges they carried are freed in the directory, so
    /// another person may be given one. Destroying their key and the read side's rows follow (<c>PersonErasures</c>).
    /// </summary>
    public async Task<Outcome<PersonDetails>> ErasePerson(PersonId person, string reason, string by)
    {
        var found = await GetPerson(person);
        if (found.Value is not { } before) return found;
        var erased = await Ask<PersonDetails, PersonRegion>(new ErasePerson(person, by, reason, Now));
        if (erased.Rejection is not null) return erased;
        foreach (var badge in before.Badges)
            if (await Ask<CredentialState, CredentialRegion>(new ReleaseBadge(badge, person, Now)) is { Rejection: { Code: not RejectionCode.BadgeNotHeld } rejection })
                return rejection;
        return erased;
    }

    public Task<Outcome<PersonDetails>> Reinstate(PersonId person) =>
        Ask<PersonDetails, PersonRegion>(new ReinstatePerson(person, Now));

    public Task<Outcome<PersonDetails>> SetDuressPin(PersonId person, string pin, string by) =>
        Ask<PersonDetails, PersonRegion>(new SetDuressPin(person, pin, PinHash.Create(pin, keys.PinPepper), Now, by));

    public Task<Outcome<PersonDetails>> ClearDuressPin(PersonId person) =>
        Ask<PersonDetails, PersonRegion>(new ClearDuressPin(person, Now));

    public Task<Outcome<CabinetDetails>> SetAlarmSettings(CabinetId cabinet, Domain.Alarms.AlarmSettings alarmSettings, string by) =>
        Ask<CabinetDetails, CabinetRegion>(new SetAlarmSettings(cabinet, alarmSettings, Now, by));
}
