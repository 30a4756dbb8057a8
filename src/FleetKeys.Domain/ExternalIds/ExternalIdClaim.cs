using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.ExternalIds;

public interface IExternalIdMessage : IFleetKeysMessage
{
    ExternalId External { get; }
}

/// <summary>Links the external id to the person, unless it is linked to someone else already.</summary>
public sealed record ClaimExternalId(ExternalId External, PersonId Person, DateTimeOffset At) : IExternalIdMessage;

public sealed record ExternalIdClaimed([property: Personal] ExternalId External, PersonId Person, DateTimeOffset At) : IFleetKeysMessage;

/// <summary>
/// The external id directory, one entity per (source, cardholder id): a single writer per pair is what makes "one
/// cardholder, one person" hold across the cluster however two requests interleave — like badges in the credential
/// directory. A link is never undone: a revoked or terminated person keeps the cardholder's history.
/// </summary>
public sealed record ExternalIdState([property: Personal] ExternalId External, PersonId? Person)
    : IEntityState<ExternalIdState, ClaimExternalId, ExternalIdClaimed>, IFleetKeysMessage
{
    public Decision<ExternalIdClaimed> Decide(ClaimExternalId command) => Person switch
    {
        null => Decision<ExternalIdClaimed>.Accept(new ExternalIdClaimed(External, command.Person, command.At)),
        { } linked when linked == command.Person => Decision<ExternalIdClaimed>.Accept(),
        _ => Rejection.Of(RejectionCode.Conflict, $"cardholder {External.Cardholder} of {External.Source} is already linked to another person"),
    };

    public ExternalIdState Apply(ExternalIdClaimed @event) => this with { Person = @event.Person };
}
