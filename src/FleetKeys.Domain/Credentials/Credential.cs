using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Credentials;

public interface ICredentialMessage : IFleetKeysMessage
{
    BadgeNumber Badge { get; }
}

public sealed record ClaimBadge(BadgeNumber Badge, PersonId Person, DateTimeOffset At) : ICredentialMessage;

public sealed record ResolveBadge(BadgeNumber Badge) : ICredentialMessage;

public sealed record BadgeClaimed(BadgeNumber Badge, PersonId Person, DateTimeOffset At) : IFleetKeysMessage;

public sealed record BadgeResolution(BadgeNumber Badge, PersonId? Person) : IFleetKeysMessage;

/// <summary>
/// The credential directory, one entity per badge number: a single writer per badge is what makes
/// "a badge belongs to one person" hold across the cluster without a database constraint.
/// </summary>
public sealed record CredentialState(BadgeNumber Badge, PersonId? Owner)
    : IEntityState<CredentialState, ClaimBadge, BadgeClaimed>, IFleetKeysMessage
{
    public Decision<BadgeClaimed> Decide(ClaimBadge command) => Owner switch
    {
        null => Decision<BadgeClaimed>.Accept(new BadgeClaimed(Badge, command.Person, command.At)),
        { } owner when owner == command.Person => Decision<BadgeClaimed>.Accept(),
        _ => Rejection.Of(RejectionCode.BadgeAlreadyAssigned, $"badge {Badge} is already assigned to someone else"),
    };

    public CredentialState Apply(BadgeClaimed @event) => this with { Owner = @event.Person };
}
