using System.Globalization;
using System.Security.Claims;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Security;
using FleetKeys.Domain.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

public sealed record CreatePersonRequest(
    string? Id, string? Name, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, int? MaxKeys, string? Email = null, string? ManagerId = null)
    : IValidatable
{
    public void Validate(Validator check) => check.Id("id", Id).Text("name", Name, 200)
        .Range("maxKeys", MaxKeys, 0, 100)
        .Check(ValidFrom is null || ValidUntil is null || ValidFrom < ValidUntil, "validUntil", "must be after validFrom")
        .Email("email", Email).Id("managerId", ManagerId, required: false);
}

public sealed record ContactRequest(string? Email, string? ManagerId) : IValidatable
{
    public void Validate(Validator check) => check.Email("email", Email).Id("managerId", ManagerId, required: false);
}

public sealed record AddBadgeRequest(string? Badge) : IValidatable
{
    public void Validate(Validator check) => check.Id("badge", Badge);
}

public sealed record ChangePinRequest(string? OldPin, string? Pin) : IValidatable
{
    public void Validate(Validator check) => check.Check(PinHash.IsAcceptablePin(OldPin), "oldPin", "must be 4 to 12 digits")
        .Check(PinHash.IsAcceptablePin(Pin), "pin", "must be 4 to 12 digits");

    public override string ToString() => "ChangePinRequest { OldPin = ***, Pin = *** }";
}

public sealed record SetPinRequest(string? Pin) : IValidatable
{
    public void Validate(Validator check) => check.Check(PinHash.IsAcceptablePin(Pin), "pin", "must be 4 to 12 digits");

    public override string ToString() => "SetPinRequest { Pin = *** }";
}

public sealed record WindowDto(IReadOnlyList<DayOfWeek>? Days, string? From, string? To);

public sealed record EntitlementDto(string? Group, string? SiteId, string? CabinetId, IReadOnlyList<WindowDto>? Schedule);

public sealed record RevokeRequest(PersonStatus? Status, string? Reason) : IValidatable
{
    public void Validate(Validator check) => check.Required("status", Status)
        .Check(Status != PersonStatus.Active, "status", "must be 'suspended' or 'terminated'")
        .Text("reason", Reason, 500);
}

/// <summary>Why the person is erased (a request's reference, say): kept in clear in the audit, so it must not name them.</summary>
public sealed record EraseRequest(string? Reason) : IValidatable
{
    public void Validate(Validator check) => check.Text("reason", Reason, 500);
}

/// <summary>An outside system's id of the person: the access-control system <c>Source</c>'s cardholder.</summary>
public sealed record ExternalIdView(string Source, string CardholderId);

public sealed record PersonView(
    string Id, string Name, PersonStatus Status, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, IReadOnlyList<string> Badges,
    bool HasPin, int MaxKeys, IReadOnlyList<EntitlementDto> Entitlements, IReadOnlyList<string> KeysHeld, string? RevocationReason,
    DateTimeOffset? PinLockedUntil, string? Email, string? ManagerId, IReadOnlyList<ExternalIdView> ExternalIds)
{
    public static PersonView Of(PersonDetails p) => new(
        p.Id.Value, p.Name, p.Status, p.ValidFrom, p.ValidUntil, p.Badges.Select(b => b.Value).ToList(), p.HasPin,
        p.MaxKeys,
        p.Entitlements.Select(e => new EntitlementDto(e.Group?.Value, e.Site?.Value, e.Cabinet?.Value,
            e.Schedule.Windows.Select(w => new WindowDto(w.Days, w.From.ToString("HH:mm"), w.To.ToString("HH:mm"))).ToList())).ToList(),
        p.Held.Select(s => s.Value).ToList(), p.RevocationReason, p.PinLockedUntil, p.Email, p.Manager?.Value,
        p.ExternalIds.Select(x => new ExternalIdView(x.Source, x.Cardholder)).ToList())
    {
        PinSetAt = p.PinSetAt,
    };

    /// <summary>When the current PIN was set; with FleetKeys:Entities:PinExpiresAfter it tells when the PIN expires.</summary>
    public DateTimeOffset? PinSetAt { get; init; }
}

/// <summary>Which people to list: by status, and a search term.</summary>
public sealed record PeopleQuery(PersonStatus? Status, string? Search) : Query<PeopleQuery>, IQuery<PeopleQuery>
{
    public static PeopleQuery Read(QueryArguments query) => new(query.Choice<PersonStatus>("status"), query.Search());
}

public static class PeopleEndpoints
{
    public static RouteGroupBuilder MapPeople(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People").Scoped(ScopeRule.Everything);

        people.MapPost("/", async (Body<CreatePersonRequest> body, FleetAdmin admin) =>
        {
            var r = body.Value;
            if (await UnknownManager(r.ManagerId, admin) is { } noManager) return noManager;
            var person = new PersonId(r.Id!);
            var registered = await admin.RegisterPerson(person, r.Name!, r.ValidFrom, r.ValidUntil, r.MaxKeys!.Value);
            if (registered.Value is not null && (r.Email ?? r.ManagerId) is not null)
                registered = await admin.SetContact(person, r.Email, ManagerOf(r.ManagerId));
            return registered.ToResult(p => Results.Created($"/api/v1/people/{p.Id}", PersonView.Of(p)));
        }).RequireAuthorization(Policies.Configure).Produces<PersonView>(StatusCodes.Status201Created).ProducesValidationProblem();

        people.MapGet("/", async (PeopleQuery query, PageQuery page, ReadScope scope, DirectoryQueries directory, CancellationToken ct) =>
            Results.Ok(Listing<PersonSummary>.Of(await directory.People(query.Status?.ToString(), query.Search, page.Paging, scope.Visible, ct), PersonSummary.Of)))
            .Scoped(ScopeRule.Filtered).Produces<Listing<PersonSummary>>().ProducesValidationProblem();

        people.MapGet("/{id}", async (PersonId id, FleetAdmin admin) =>
            (await admin.GetPerson(id)).ToResult(p => Results.Ok(PersonView.Of(p)))).Produces<PersonView>().Scoped(ScopeRule.Person);

        // A whole person's record, across every site: an administrator over everything answers a subject-access request.
        people.MapGet("/{id}/export", (PersonId id, ExportQuery query, PersonExports exports, CancellationToken ct) =>
            exports.Answer(id, query.Format, ct)).RequireAuthorization(Policies.Configure).Produces<PersonExport>().Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem();

        // Crypto-shredding (issue #23): an administrator over everything erases; refused while the person holds a key.
        people.MapPost("/{id}/erase", (PersonId id, Body<EraseRequest> body, PersonErasures erasures, ClaimsPrincipal user, CancellationToken ct) =>
                erasures.Answer(id, body.Value.Reason!, user.Identity!.Name!, ct))
            .RequireAuthorization(Policies.Configure).Produces<PersonErasure>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        people.MapPost("/{id}/badges", async (PersonId id, Body<AddBadgeRequest> body, FleetAdmin admin) =>
            (await admin.AddBadge(id, new BadgeNumber(body.Value.Badge!))).ToResult(p => Results.Ok(PersonView.Of(p))))
            .RequireAuthorization(Policies.Configure).Produces<PersonView>().ProducesValidationProblem().Scoped(ScopeRule.Person);

        people.MapPut("/{id}/pin", async (PersonId id, Body<SetPinRequest> body, FleetAdmin admin, ClaimsPrincipal user) =>
            (await admin.SetPin(id, body.Value.Pin!, user.Identity!.Name!)).ToResult(_ => Results.NoContent()))
            .RequireAuthorization(Policies.Configure).ProducesValidationProblem().Scoped(ScopeRule.Person);

        people.MapPost("/{id}/pin/change", async (PersonId id, Body<ChangePinRequest> body, FleetAdmin admin, ClaimsPrincipal user) =>
            (await admin.ChangePin(id, body.Value.OldPin!, body.Value.Pin!, user.Identity!.Name!)).ToResult(_ => Results.NoContent()))
            .RequireAuthorization(Policies.Configure).Produces(StatusCodes.Status204NoContent).ProducesValidationProblem().Scoped(ScopeRule.Person);

        people.MapDelete("/{id}/pin", async (PersonId id, FleetCommands commands) =>
            (await commands.ResetPin(id)).ToResult(_ => Results.NoContent())).RequireAuthorization(Policies.Configure).Produces(StatusCodes.Status204NoContent).Scoped(ScopeRule.Person);

        people.MapPut("/{id}/contact", async (PersonId id, Body<ContactRequest> body, FleetAdmin admin) =>
        {
            var r = body.Value;
            if (await UnknownManager(r.ManagerId, admin) is { } noManager) return noManager;
            return (await admin.SetContact(id, r.Email, ManagerOf(r.ManagerId))).ToResult(p => Results.Ok(PersonView.Of(p)));
        }).RequireAuthorization(Policies.Configure).Produces<PersonView>().ProducesValidationProblem().Scoped(ScopeRule.Person);

        // A scoped admin gives only entitlements its grants reach, as it changes only people whose entitlements they all reach.
        people.MapPut("/{id}/entitlements", async (PersonId id, Body<List<EntitlementDto>> body, ScopedCaller caller, FleetAdmin admin, ResourceScopes scopes) =>
        {
            var check = new Validator();
            if (await ToEntitlements(body.Value, admin, check) is not { } entitlements) return check.Problem();
            if (await caller.Refuses(entitlements, scopes) is { } refused) return refused;
            return (await admin.SetEntitlements(id, entitlements)).ToResult(p => Results.Ok(PersonView.Of(p)));
        }).RequireAuthorization(Policies.Configure).WithBodyLimit(BodyLimits.Entitlements).Produces<PersonView>().ProducesValidationProblem()
            .Scoped(ScopeRule.Person);

        people.MapPost("/{id}/revoke", async (PersonId id, Body<RevokeRequest> body, FleetAdmin admin) =>
            (await admin.Revoke(id, body.Value.Status!.Value, body.Value.Reason!)).ToResult(p => Results.Ok(PersonView.Of(p))))
            .RequireAuthorization(Policies.Operate).Produces<PersonView>().ProducesValidationProblem().Scoped(ScopeRule.Person);

        people.MapPost("/{id}/reinstate", async (PersonId id, FleetAdmin admin) =>
            (await admin.Reinstate(id)).ToResult(p => Results.Ok(PersonView.Of(p)))).RequireAuthorization(Policies.Configure).Produces<PersonView>().Scoped(ScopeRule.Person);
        return api;
    }

    private static PersonId? ManagerOf(string? id) => id is null ? null : new PersonId(id);

    /// <summary>A manager must be someone FleetKeys knows, or escalations to them would go nowhere.</summary>
    private static async Task<IResult?> UnknownManager(string? managerId, FleetAdmin admin)
    {
        if (managerId is null) return null;
        var manager = await admin.GetPerson(new PersonId(managerId));
        return manager.Value is { Registered: true } ? null : new Validator().Fail("managerId", $"no person '{managerId}'").Problem();
    }

    /// <summary>
    /// A list of entitlements as the API takes it (a person's, or what a SCIM group grants): at most a person's bound, each
    /// well-formed, and naming only sites and cabinets that exist — an entitlement at a place nobody registered would never
    /// open anything, and say nothing about it. Null, with <paramref name="check"/> naming what is wrong, when it is not so.
    /// </summary>
    public static async Task<IReadOnlyList<Entitlement>?> ToEntitlements(IReadOnlyList<EntitlementDto> list, FleetAdmin admin, Validator check)
    {
        if (!check.Check(list.Count <= Entitlement.MaxPerPerson, "body", $"must hold at most {Entitlement.MaxPerPerson} entitlements").IsValid)
            return null;
        var entitlements = list.Select((e, i) => ToEntitlement(e, $"[{i}]", check)).ToList();
        if (!check.IsValid) return null;
        var indexed = list.Select((e, i) => (Entitlement: e, At: $"[{i}]")).ToList();
        foreach (var site in list.Select(e => e.SiteId).OfType<string>().Distinct())
            if ((await admin.GetSite(new SiteId(site))).Rejection is { Code: RejectionCode.NotFound })
                foreach (var (_, at) in indexed.Where(x => x.Entitlement.SiteId == site)) check.Fail($"{at}.siteId", $"no site '{site}'");
        foreach (var cabinet in list.Select(e => e.CabinetId).OfType<string>().Distinct())
            if ((await admin.GetCabinet(new CabinetId(cabinet))).Rejection is { Code: RejectionCode.NotFound })
                foreach (var (_, at) in indexed.Where(x => x.Entitlement.CabinetId == cabinet)) check.Fail($"{at}.cabinetId", $"no cabinet '{cabinet}'");
        return check.IsValid ? [.. entitlements.OfType<Entitlement>()] : null;
    }

    public static Entitlement? ToEntitlement(EntitlementDto dto, string path, Validator check)
    {
        check.Id($"{path}.group", dto.Group, required: false).Id($"{path}.siteId", dto.SiteId, required: false)
            .Id($"{path}.cabinetId", dto.CabinetId, required: false);
        var windows = new List<WeeklyWindow>();
        foreach (var (window, i) in (dto.Schedule ?? []).Select((w, i) => (w, i)))
        {
            var at = $"{path}.schedule[{i}]";
            check.Check(window.Days is { Count: > 0 }, $"{at}.days", "must name at least one day");
            var from = ParseTime(window.From, $"{at}.from", check);
            var to = ParseTime(window.To, $"{at}.to", check);
            if (check.IsValid) windows.Add(new WeeklyWindow(window.Days!, from, to));
        }

        if (!check.IsValid) return null;
        return new Entitlement(
            dto.Group is null ? null : new KeyGroup(dto.Group), dto.SiteId is null ? null : new SiteId(dto.SiteId),
            dto.CabinetId is null ? null : new CabinetId(dto.CabinetId), new Schedule(windows));
    }

    private static TimeOnly ParseTime(string? value, string field, Validator check)
    {
        var ok = TimeOnly.TryParse(value, CultureInfo.InvariantCulture, out var time);
        check.Check(ok, field, "must be a time of day such as '07:30'");
        return time;
    }
}
