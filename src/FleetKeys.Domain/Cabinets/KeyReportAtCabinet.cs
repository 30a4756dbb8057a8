using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;

namespace FleetKeys.Domain.Cabinets;

/// <summary>
/// From the driver: something the person at the keypad said about the key with <c>Tag</c> in <c>Slot</c> (a fault, a reason,
/// return answers). The cabinet records nothing of its own: the key's home slot records it, wherever the key was returned,
/// told by whoever is at the cabinet.
/// </summary>
public interface IKeyReportAtCabinet : IHardwareReport
{
    int Slot { get; }

    TagId Tag { get; }

    /// <summary>
    /// The home slot's command; <paramref name="person"/> is whose session is open at the cabinet, if anyone's, and
    /// <paramref name="site"/> the cabinet's site, where the fact happens.
    /// </summary>
    IAsk<KeySlotDetails> ForHome(SlotId home, PersonId? person, SiteId site);
}
