using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Cabinets;

/// <summary>
/// From the controller: after the badge, the person typed their PIN and a new one twice on the keypad; the driver checked
/// that the two agree and hashed the new one. The cabinet resolves the badge and asks the person, who decides.
/// </summary>
public sealed record ChangePinAtCabinet(
    CabinetId Cabinet, BadgeNumber Badge, [property: Secret] string OldPin, [property: Secret] string Pin, [property: Secret] string PinHash,
    DateTimeOffset At) : ICabinetMessage, IAsk<PinChangedAtCabinet>
{
    public override string ToString() => $"ChangePinAtCabinet {{ Cabinet = {Cabinet}, Badge = {Badge}, At = {At:O} }}";
}

public sealed record PinChangedAtCabinet(CabinetId Cabinet, PersonId Person) : IFleetKeysMessage;
