using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.KeySlots;

/// <summary>
/// The release a revocation voided last in this slot: whose it was, which of their revocations voided it, and when its
/// window would have ended. A removal of the key before then is the person's take under the voided grant, and raises the alarm.
/// </summary>
public sealed record VoidedRelease(GrantId Grant, PersonId Person, int Revision, DateTimeOffset Until) : IFleetKeysMessage;
