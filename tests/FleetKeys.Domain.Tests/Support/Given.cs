namespace FleetKeys.Domain.Tests.Support;

/// <summary>Drives an entity through commands the way its actor shell does: decide, require acceptance, fold.</summary>
public static class Given
{
    public static PersonState Run(this PersonState state, PersonCommand command) =>
        Fold<PersonState, PersonCommand, PersonEvent>(state, command);

    public static KeySlotState Run(this KeySlotState state, KeySlotCommand command) =>
        Fold<KeySlotState, KeySlotCommand, KeySlotEvent>(state, command);

    public static CabinetState Run(this CabinetState state, CabinetCommand command) =>
        Fold<CabinetState, CabinetCommand, CabinetEvent>(state, command);

    public static Controllers.ControllerState Run(this Controllers.ControllerState state, Controllers.ControllerCommand command) =>
        Fold<Controllers.ControllerState, Controllers.ControllerCommand, Controllers.ControllerEvent>(state, command);

    public static Reports.ReportSubscriptionState Run(this Reports.ReportSubscriptionState state, Reports.ReportSubscriptionCommand command) =>
        Fold<Reports.ReportSubscriptionState, Reports.ReportSubscriptionCommand, Reports.ReportSubscriptionEvent>(state, command);

    /// <summary>Folds whatever the person records, accepted or refused (a wrong PIN is refused, and counted).</summary>
    public static PersonState Attempt(this PersonState state, PersonCommand command) =>
        state.Decide(command).Events.Aggregate(state, (s, e) => s.Apply(e));

    private static TState Fold<TState, TCommand, TEvent>(TState state, TCommand command)
        where TState : IEntityState<TState, TCommand, TEvent>
    {
        var decision = state.Decide(command);
        Assert.True(decision.IsAccepted, $"setup step {command} was rejected: {decision.Rejection}");
        return decision.Events.Aggregate(state, (s, e) => s.Apply(e));
    }
}
