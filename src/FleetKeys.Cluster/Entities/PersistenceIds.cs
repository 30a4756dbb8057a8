using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Cluster.Entities;

/// <summary>
/// The name of each entity's journal, in one place: for the entity itself, and for whoever reads a journal without
/// waking its entity (a read of something that may not exist, a history).
/// </summary>
public static class PersistenceIds
{
    /// <summary>The prefixes the read side matches journals by (the audit log a scoped caller reads).</summary>
    public const string PersonPrefix = "person-", SitePrefix = "site-", CabinetPrefix = "cabinet-", KeySlotPrefix = "keyslot-";

    public static string Site(SiteId site) => SitePrefix + site;

    public static string Controller(ControllerId controller) => $"controller-{controller}";

    public static string Cabinet(CabinetId cabinet) => CabinetPrefix + cabinet;

    public static string KeySlot(SlotId slot) => KeySlotPrefix + slot;

    public static string Person(PersonId person) => PersonPrefix + person;

    /// <summary>The person whose journal this is; null for any other journal.</summary>
    public static PersonId? PersonOf(string persistenceId) =>
        persistenceId.StartsWith(PersonPrefix, StringComparison.Ordinal) ? PersonId.Parse(persistenceId[PersonPrefix.Length..]) : null;

    public static string Alarm(AlarmId alarm) => $"alarm-{alarm}";

    /// <summary>A badge's journal, named by its keyed digest (<see cref="Security.BadgeDigest"/>): the number never reaches a persistence id.</summary>
    public static string Credential(BadgeNumber badge, Security.BadgeDigest digest) => $"credential-{digest.Of(badge)}";

    public static string KeyId(KeyId key) => $"keyid-{key}";

    public static string TagHome(TagId tag) => $"taghome-{tag}";

    /// <summary>
    /// Every external id's directory journal starts so: named by the id's keyed digest as badges' are, so the cardholder id
    /// never reaches a persistence id — or, written before digests, by "{source}:{cardholder}" (<see cref="ExternalIds.LegacyExternalIds"/>).
    /// </summary>
    public const string ExternalIdPrefix = "externalid-";

    public static string ExternalId(ExternalId external, Security.BadgeDigest digest) => ExternalIdPrefix + digest.Of(external);
}
