using FleetKeys.Domain.Ids;
using FleetKeys.Protocol;

namespace FleetKeys.Driver;

/// <summary>
/// The convention of docs/protocol.md: a badge number is the card data as upper-case hex, a tag id the tag's UID as
/// upper-case hex. Bytes that cannot form an id (too long) are reported as unreadable rather than truncated.
/// </summary>
public static class HardwareIds
{
    public static BadgeNumber? Badge(ByteString data) => IdRules.IsValid(data.ToHex()) ? new BadgeNumber(data.ToHex()) : null;

    public static TagId? Tag(ByteString uid) => IdRules.IsValid(uid.ToHex()) ? new TagId(uid.ToHex()) : null;

    public static PersonId? Person(string id) => IdRules.IsValid(id) ? new PersonId(id) : null;
}
