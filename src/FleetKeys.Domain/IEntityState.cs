namespace FleetKeys.Domain;

/// <summary>
/// The functional core of an entity: a pure, immutable state that decides commands and folds events.
/// Actor shells persist what <see cref="Decide"/> returns and fold it back with <see cref="Apply"/>.
/// </summary>
public interface IEntityState<TSelf, in TCommand, TEvent>
    where TSelf : IEntityState<TSelf, TCommand, TEvent>
{
    Decision<TEvent> Decide(TCommand command);

    TSelf Apply(TEvent @event);
}
