using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Retention;

/// <summary>
/// The stretch of a person's custody history that shares one key, so retention can shred it whole: one period
/// (<see cref="HistoryPeriod"/>) at one site — the site named in the fact itself, never the one its cabinet has now, so a
/// fact written again seals to the same text. <c>Site</c> null: a fact recorded before facts named their site, kept under
/// the global retention. A key is made once per person, period and site they used: as often as a person uses a site in a
/// year, not per take or per cabinet.
/// </summary>
public readonly record struct HistoryPart(int Period, SiteId? Site);
