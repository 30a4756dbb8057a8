using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Credentials;

public interface ICredentialMessage : IFleetKeysMessage
{
    BadgeNumber Badge { get; }
}

public abstract record CredentialCommand(BadgeNumber Badge, PersonId Person, DateTimeOffset At) : ICredentialMessage;

public sealed record ClaimBadge(BadgeNumber Badge, PersonId Person, DateTimeOffset At) : CredentialCommand(Badge, Person, At);

/// <summary>Frees the badge number, but only for its owner: nobody can release someone else's badge.</summary>
public sealed record ReleaseBadge(BadgeNumber Badge, PersonId Person, DateTimeOffset At) : CredentialCommand(Badge, Person, At);

public sealed record ResolveBadge(BadgeNumber Badge) : ICredentialMessage, IAsk<BadgeResolution>;

public abstract record CredentialEvent([property: Personal] BadgeNumber Badge, PersonId Person, DateTimeOffset At) : IFleetKeysMessage;

public sealed record BadgeClaimed(BadgeNumber Badge, PersonId Person, DateTimeOffset At) : CredentialEvent(Badge, Person, At);

public sealed record BadgeReleased(BadgeNumber Badge, PersonId Person, DateTimeOffset At) : CredentialEvent(Badge, Person, At);

public sealed record BadgeResolution(BadgeNumber Badge, PersonId? Person) : IFleetKeysMessage;

/// <summary>
/// The credential directory, one entity per badge number: a single writer per badge is what makes
/// "a badge belongs to one person" hold across the cluster without a database constraint.
/// </summary>
public sealed record CredentialState([property: Personal("Owner")] BadgeNumber Badge, PersonId? Owner)
    : IEntityState<CredentialState, CredentialCommand, CredentialEvent>, IFleetKeysMessage
{
    public Decision<CredentialEvent> Decide(CredentialCommand command) => command switch
    {
        ClaimBadge c when Owner is null => Decision<CredentialEvent>.Accept(new BadgeClaimed(Badge, c.Person, c.At)),
        ClaimBadge c when Owner == c.Person => Decision<CredentialEvent>.Accept(),
        ClaimBadge => Rejection.Of(RejectionCode.BadgeAlreadyAssigned, $"badge {Badge} is already assigned to someone else"),
        ReleaseBadge c when Owner == c.Person => Decision<CredentialEvent>.Accept(new BadgeReleased(Badge, c.Person, c.At)),
        ReleaseBadge => Decision<CredentialEvent>.Accept(),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unhandled credential command"),
    };

    public CredentialState Apply(CredentialEvent @event) => @event switch
    {
        BadgeClaimed e => this with { Owner = e.Person },
        BadgeReleased => this with { Owner = null },
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unhandled credential event"),
    };
}
