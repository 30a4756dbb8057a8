using System.Text.Json;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Api.Endpoints;

/// <summary>
/// A store beside the entities and the read side that keeps something about a person (SCIM's copy of a provisioned
/// user): the subject-access export asks each registered source, and an erasure has each forget the person, so a module
/// the API does not know is still exported and erased.
/// </summary>
public interface IPersonalDataSource
{
    /// <summary>The export's name for what this source holds ("scimUser").</summary>
    string Name { get; }

    /// <summary>What the source holds about the person, without secrets; null when it holds nothing.</summary>
    Task<JsonElement?> Of(PersonId person, CancellationToken cancellationToken);

    /// <summary>Forgets everything the source holds about the person (their erasure, <see cref="PersonErasures"/>).</summary>
    Task Erase(PersonId person, CancellationToken cancellationToken);
}
