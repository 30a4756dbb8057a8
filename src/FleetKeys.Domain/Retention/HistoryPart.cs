using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Retention;

/// <summary>
/// The stretch of a person's custody history that shares one key, so retention can shred it whole: one period
/// (<see cref="HistoryPeriod"/>) at one cabinet. The cabinet, not its site, is in the key: a cabinet's site is
/// configuration that can change, so the site is looked up at each retention look (<see cref="RetentionRule"/>).
/// </summary>
public readonly record struct HistoryPart(int Period, CabinetId Cabinet);
