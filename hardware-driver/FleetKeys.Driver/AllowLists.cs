using FleetKeys.Cluster.People;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Security;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;

namespace FleetKeys.Driver;

/// <summary>
/// Keeps each cabinet's offline allow-list in step with the access directory: a full reload after every handshake,
/// then per-person changes, each numbered by the protocol's version rule (current + 1).
/// </summary>
internal static class AllowLists
{
    /// <summary>Entries are ~200 bytes at most; four fit a frame with room to spare.</summary>
    private const int EntriesPerFrame = 4;

    /// <summary>A badge is at most 32 bytes; sixteen fit a frame.</summary>
    private const int BadgesPerFrame = 16;

    public static void Reload(CabinetOnBus bus, IEnumerable<AccessProfile> directory, Revocations revoked, SealingKey pinPepper)
    {
        bus.DropQueuedAllowListChanges();
        bus.AllowListVersion = 1;
        bus.Pushed.Clear();
        bus.Enqueue(new AllowListClear(bus.AllowListVersion));
        foreach (var profile in directory) Push(bus, profile, revoked, pinPepper);
        // Whoever was waiting for this cabinet is removed once the reload is acknowledged.
        foreach (var person in bus.AwaitingPurge.Keys.ToList()) bus.AwaitingPurge[person] = bus.AllowListVersion;
    }

    /// <summary>
    /// The cabinet's layout changed (a key homed, a policy that keeps a key from offline use): everyone's entries are
    /// worked out again and only what differs is sent. A clear and a full resend would leave the cabinet with an empty
    /// list until the last entry arrived, and a link cut in that window would turn everyone away offline.
    /// </summary>
    public static void Refresh(CabinetOnBus bus, IEnumerable<AccessProfile> directory, Revocations revoked, SealingKey pinPepper)
    {
        var unlisted = bus.Pushed.Keys.ToHashSet();
        foreach (var profile in directory)
        {
            unlisted.Remove(profile.Person);
            Push(bus, profile, revoked, pinPepper, layoutChanged: true);
        }

        foreach (var gone in unlisted) Unlist(bus, gone);

        // A person revoked while the cabinet was away is off its list once what was just queued is acknowledged.
        foreach (var person in bus.AwaitingPurge.Where(a => a.Value == CabinetOnBus.AfterReload).Select(a => a.Key).ToList())
            bus.AwaitingPurge[person] = bus.AllowListVersion;
    }

    /// <summary>Only the people a directory step touched can change a cabinet's list.</summary>
    public static void Update(CabinetOnBus bus, AccessDirectoryChange change, Revocations revoked, SealingKey pinPepper)
    {
        foreach (var profile in change.Changed) Push(bus, profile, revoked, pinPepper);
        foreach (var gone in change.Removed) Unlist(bus, new PersonId(gone));
    }

    /// <summary>Takes a person's entries off the cabinet's list; false if it held none.</summary>
    private static bool Unlist(CabinetOnBus bus, PersonId person)
    {
        if (!bus.Pushed.Remove(person)) return false;
        bus.Enqueue(new AllowListPurge(++bus.AllowListVersion, person.Value));
        return true;
    }

    /// <summary>A revocation: the person's entries go at once, ahead of the directory catching up.</summary>
    public static void Purge(CabinetOnBus bus, RevocationBroadcast revocation)
    {
        if (bus.Liveness.Online != true || bus.Layout is null)
        {
            bus.AwaitingPurge[revocation.Person] = CabinetOnBus.AfterReload;
            return;
        }

        if (Unlist(bus, revocation.Person)) bus.AwaitingPurge[revocation.Person] = bus.AllowListVersion;
    }

    /// <summary>
    /// The cabinet acknowledged its list at <paramref name="version"/>: the revoked people that version removed stop being
    /// awaited there, and those no cabinet of the controller awaits any more are returned, to be confirmed once each.
    /// </summary>
    public static IReadOnlyList<RevocationBroadcast> PurgesCompleted(
        CabinetOnBus bus, uint version, IReadOnlyCollection<CabinetOnBus> controller, Revocations revocations)
    {
        var removed = bus.AwaitingPurge.Where(a => a.Value <= version).Select(a => a.Key).ToList();
        foreach (var person in removed) bus.AwaitingPurge.Remove(person);
        return [.. removed.Where(p => PurgedEverywhere(p, controller)).Select(revocations.Of).OfType<RevocationBroadcast>()];
    }

    /// <summary>No cabinet of the controller still waits to remove the person: the revocation's purge is complete there.</summary>
    public static bool PurgedEverywhere(PersonId person, IEnumerable<CabinetOnBus> controller) =>
        !controller.Any(b => b.AwaitingPurge.ContainsKey(person));

    /// <summary>
    /// <see cref="CabinetOnBus.Pushed"/> names only the people with entries in this cabinet's list: most people of a large directory
    /// have none here, and remembering them per cabinet would cost cabinets × people.
    /// A changed person's new entries replace the old ones badge by badge before a badge they no longer have is removed, so
    /// a link cut halfway through the change never leaves them without the access they still have; a newer profile that
    /// changes nothing here (a person's entity publishes again whenever it starts, at its latest journal position) sends nothing.
    /// </summary>
    private static void Push(CabinetOnBus bus, AccessProfile profile, Revocations revoked, SealingKey pinPepper, bool layoutChanged = false)
    {
        var before = bus.Pushed.GetValueOrDefault(profile.Person);
        if (before?.Version == profile.Version && !layoutChanged) return;
        var entries = revoked.Outdates(profile) ? [] : EntriesFor(bus, profile, pinPepper).ToList();
        if (entries.Count == 0)
        {
            Unlist(bus, profile.Person);
            return;
        }

        var pushed = PushedEntries.Of(profile.Version, entries);
        bus.Pushed[profile.Person] = pushed;
        if (before?.Fingerprint == pushed.Fingerprint) return;
        foreach (var batch in entries.Chunk(EntriesPerFrame))
            bus.Enqueue(new AllowListUpsert(++bus.AllowListVersion, batch));
        var gone = before?.Badges.Except(pushed.Badges).ToList() ?? [];
        foreach (var batch in gone.Chunk(BadgesPerFrame))
            bus.Enqueue(new AllowListRemove(++bus.AllowListVersion, batch));
    }

    /// <summary>
    /// Offline may never be more generous than online: no entry for an inactive person, none without a PIN where the
    /// cabinet requires one, and only slots whose key group an unscheduled entitlement covers here. A controller cannot
    /// hold the pepper the stored PIN hash is sealed under, so it is sent the opened PBKDF2 verifier (docs/protocol.md).
    /// </summary>
    private static IEnumerable<AllowListEntry> EntriesFor(CabinetOnBus bus, AccessProfile profile, SealingKey pinPepper)
    {
        if (bus.Layout is not { } layout || bus.GroupSlots is not { } groupSlots) yield break;
        var offline = profile.OfflineGroupsAt(bus.Cabinet, layout.Site);
        if (offline.Count == 0) yield break;
        PinVerifier? pin = null;
        if (bus.RequiresPin)
        {
            if (!PinHash.TryOpen(profile.PinHash, pinPepper, out var parts)) yield break;
            pin = new PinVerifier(parts.Iterations, parts.Salt, parts.Hash);
        }
        var slots = groupSlots.Of(offline);
        foreach (var badge in profile.Badges)
        {
            if (!IsHex(badge.Value)) continue;
            yield return new AllowListEntry(ByteString.FromHex(badge.Value), profile.Person.Value, bus.RequiresPin ? pin : null,
                profile.ValidFrom, profile.ValidUntil, slots);
        }
    }

    /// <summary>Only badges a card reader can produce (hex card data, docs/protocol.md) can ever be presented offline.</summary>
    private static bool IsHex(string badge) => badge.Length % 2 == 0 && badge.All(Uri.IsHexDigit);
}
