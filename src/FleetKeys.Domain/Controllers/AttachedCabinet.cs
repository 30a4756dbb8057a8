using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Controllers;

public sealed record AttachedCabinet(CabinetId Cabinet, bool RequiresPin) : IFleetKeysMessage;
