namespace FleetKeys.Domain;

/// <summary>
/// Marks every command, event, reply and state that may cross a node boundary or reach the journal.
/// The cluster binds this interface to its explicit serializer; anything without it is refused by Akka
/// (allow-unregistered-types = false), so an unbound type fails loudly in tests instead of silently in production.
/// </summary>
public interface IFleetKeysMessage;
