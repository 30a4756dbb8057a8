using System.Security.Claims;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

/// <summary><c>ReaderAddress</c>: a stock OSDP reader on the same bus that reads the cabinet's badges and PINs (a mixed bus).</summary>
public sealed record CreateCabinetRequest(string? Id, string? SiteId, string? ControllerId, int? BusAddress, int? SlotCount, bool? RequiresPin,
    int? ReaderAddress = null)
    : IValidatable
{
    public void Validate(Validator check) => check.Id("id", Id).Id("siteId", SiteId).Id("controllerId", ControllerId)
        .Range("busAddress", BusAddress, 0, 0x7E).Range("slotCount", SlotCount, 1, SlotId.MaxNumber)
        .Range("readerAddress", ReaderAddress, 0, 0x7E, required: false)
        .Check(ReaderAddress is null || ReaderAddress != BusAddress, "readerAddress", "must differ from busAddress: the reader and the board are two devices");
}

/// <summary>
/// Fields left out stay as they are; <c>ReaderAddress</c> gives the cabinet a stock reader on its controller's bus,
/// <c>RemoveReader</c> takes it away.
/// </summary>
public sealed record ChangeCabinetRequest(string? ControllerId, int? BusAddress, bool? RequiresPin, int? ReaderAddress = null, bool? RemoveReader = null)
    : IValidatable
{
    public void Validate(Validator check) => check
        .Check(this is not { ControllerId: null, BusAddress: null, RequiresPin: null, ReaderAddress: null, RemoveReader: null or false }, "body",
            "must change controllerId, busAddress, requiresPin, readerAddress or removeReader")
        .Id("controllerId", ControllerId, required: false).Range("busAddress", BusAddress, 0, 0x7E, required: false)
        .Range("readerAddress", ReaderAddress, 0, 0x7E, required: false)
        .Check(RemoveReader is not true || ReaderAddress is null, "removeReader", "a reader is either given (readerAddress) or taken away, not both");
}

public sealed record SlotView(int Slot, string? HomeTag, string? PresentTag, CustodyStatus Status, string? Holder, DateTimeOffset? DueAt);

public sealed record CabinetView(
    string Id, string SiteId, string TimeZone, string ControllerId, int BusAddress, int SlotCount, bool RequiresPin,
    bool Online, bool DoorOpen, int OpenSessions, Override? Lockdown, IReadOnlyList<SlotView> Slots, bool Tampered,
    IReadOnlyList<InterlockView>? Interlocks = null, IReadOnlyList<string>? ReturnGroups = null)
{
    public static CabinetView Of(CabinetDetails c) => new(
        c.Id.Value, c.Site.Value, c.TimeZoneId, c.Controller.Value, c.BusAddress, c.SlotCount, c.RequiresPin,
        c.Online, c.DoorOpen, c.OpenSessions,
        c.Lockdown is { } lockdown ? new Override(lockdown.Reason, lockdown.By, lockdown.Since, null) : null,
        Enumerable.Range(1, c.SlotCount).Select(n =>
        {
            var summary = c.Summary.GetValueOrDefault(n);
            var home = c.Homes.GetValueOrDefault(n);
            return new SlotView(n, c.Homes.ContainsKey(n) ? home.Value : null,
                c.Present.TryGetValue(n, out var present) ? present.Value : null,
                summary?.Status ?? (c.Homes.ContainsKey(n) ? CustodyStatus.InSlot : CustodyStatus.Unassigned),
                summary?.Holder?.Value, summary?.DueAt);
        }).ToList(), c.Tampered,
        [.. c.Interlocks.Values.OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => new InterlockView(g.Name, g.MasterSlot, g.Slots))],
        [.. c.ReturnGroups])
    {
        OnBattery = c.OnBattery, LowBattery = c.LowBattery,
        Discrepancies = [.. c.Discrepancies.Select(d => new DiscrepancyView(d.Slot, d.Kind, d.Tag.Value, d.Key?.ToString(), d.Since))],
    };

    /// <summary>What the cabinet's last inventories found that differs from the record, each since it first arose.</summary>
    public IReadOnlyList<DiscrepancyView> Discrepancies { get; init; } = [];

    /// <summary>Mains power failed and the cabinet runs on its battery.</summary>
    public bool OnBattery { get; init; }

    /// <summary>The battery is below its controller's low mark.</summary>
    public bool LowBattery { get; init; }
}

/// <summary>The return groups the cabinet belongs to, replacing the ones before; an empty list leaves every group.</summary>
public sealed record SetReturnGroupsRequest(IReadOnlyList<string>? Groups) : IValidatable
{
    public void Validate(Validator check) => check.Check(Groups is not null, "groups", "is required")
        .Check(Groups is null || Groups.Count <= CabinetState.MaxReturnGroups, "groups", $"must list at most {CabinetState.MaxReturnGroups} groups")
        .Check(Groups is null || Groups.All(IdRules.IsValid), "groups",
            $"must be names of 1-{IdRules.MaxLength} letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
}

/// <summary>One open inventory discrepancy: <c>Key</c> is the home slot of the key with the tag, when the fleet knows one.</summary>
public sealed record DiscrepancyView(int Slot, DiscrepancyKind Kind, string Tag, string? Key, DateTimeOffset Since);

/// <summary>The driver was asked for the cabinet's inventory; what it finds shows in the cabinet's discrepancies and alarms.</summary>
public sealed record InventoryRequestView(string CabinetId, DateTimeOffset RequestedAt);

public sealed record InterlockView(string Name, int MasterSlot, IReadOnlyList<int> Slots);

public sealed record SetInterlockRequest(int? MasterSlot, IReadOnlyList<int>? Slots) : IValidatable
{
    public void Validate(Validator check) => check.Range("masterSlot", MasterSlot, 1, 255)
        .Check(Slots is { Count: > 0 }, "slots", "must list at least one slot besides the master")
        .Check(Slots is null || Slots.All(s => s is >= 1 and <= 255), "slots", "must be slot numbers between 1 and 255")
        .Check(Slots is null || !Slots.Contains(MasterSlot ?? 0), "slots", "must not contain the master slot");
}

/// <summary>Which questions the cabinet asks when the key is back: the odometer (km), the fuel level (%), any damage (yes/no).</summary>
public sealed record ReturnQuestionsBody(bool Odometer = false, bool Fuel = false, bool Damage = false);

/// <summary>
/// <c>ReturnFirst</c>: the key goes only to someone holding no other key. <c>DualAuthorisationSeconds</c>: the two-person
/// rule, with how long the second person has to badge after the key is chosen. <c>ReturnTo</c>: where the key may be put
/// back, its home slot only unless said otherwise; <c>ReturnGroup</c> names the return group for <c>returnGroup</c>.
/// <c>Reasons</c>: the list the cabinet shows when the key is taken (the keypad digit picks one); <c>ReturnQuestions</c>: what
/// it asks when the key is back (docs/policies.md, "Reasons and questions").
/// <c>ApprovalBy</c>: approval before release by a person (<c>ApproverId</c>), the requester's manager or security, decided
/// within <c>ApprovalWindowMinutes</c> (default 30) and redeemable for <c>ApprovalValidMinutes</c> (default 60).
/// </summary>
public sealed record AssignKeyRequest(
    string? KeyId, string? Name, string? Group, Criticality? Criticality, string? TagId, int? MaxDurationMinutes, string? ReturnBy,
    int? RemindMinutesBefore = null, int? EscalateToSecurityAfterMinutes = null, int? EscalateToManagerAfterMinutes = null,
    bool? ReturnFirst = null, int? DualAuthorisationSeconds = null, ReturnRule? ReturnTo = null, string? ReturnGroup = null,
    IReadOnlyList<string?>? Reasons = null, ReturnQuestionsBody? ReturnQuestions = null,
    ApproverKind? ApprovalBy = null, string? ApproverId = null, int? ApprovalWindowMinutes = null, int? ApprovalValidMinutes = null) : IValidatable
{
    public void Validate(Validator check) => check
        .Id("keyId", KeyId).Text("name", Name, 200).Id("group", Group).Id("tagId", TagId)
        .Range("maxDurationMinutes", MaxDurationMinutes, 1, 60 * 24 * 90, required: false)
        .Check(ReturnBy is null || ReturnByTime is not null, "returnBy", "must be a time of day such as '17:00'")
        .Range("remindMinutesBefore", RemindMinutesBefore, 1, 60 * 24 * 7, required: false)
        .Range("escalateToSecurityAfterMinutes", EscalateToSecurityAfterMinutes, 1, 60 * 24 * 7, required: false)
        .Range("escalateToManagerAfterMinutes", EscalateToManagerAfterMinutes, 1, 60 * 24 * 7, required: false)
        .Range("dualAuthorisationSeconds", DualAuthorisationSeconds, 1, (int)CustodyPolicy.MaxDualAuthorisationWindow.TotalSeconds, required: false)
        .Id("returnGroup", ReturnGroup, required: ReturnTo == ReturnRule.ReturnGroup)
        .Check(ReturnGroup is null || ReturnTo == ReturnRule.ReturnGroup, "returnGroup", "is named only with returnTo 'returnGroup'")
        .Approval(ApprovalBy, ApproverId, ApprovalWindowMinutes, ApprovalValidMinutes)
        .Reasons(Reasons, ReturnQuestions);

    public KeyDefinition Key()
    {
        var policy = new CustodyPolicy(Minutes(MaxDurationMinutes), ReturnByTime, ReturnFirst ?? false,
            DualAuthorisationSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null)
        {
            Alerts = new CustodyAlerts(Minutes(RemindMinutesBefore), Minutes(EscalateToSecurityAfterMinutes), Minutes(EscalateToManagerAfterMinutes)),
            Return = ReturnTo ?? ReturnRule.HomeSlot,
            ReturnGroup = ReturnGroup,
            Questions = CustodyRuleFields.Questions(Reasons, ReturnQuestions),
            Approval = CustodyRuleFields.Approval(ApprovalBy, ApproverId, ApprovalWindowMinutes, ApprovalValidMinutes),
        };
        return new KeyDefinition(new KeyId(KeyId!), Name!, new KeyGroup(Group!), Criticality ?? Domain.KeySlots.Criticality.Normal, new TagId(TagId!), policy);
    }

    private TimeOnly? ReturnByTime =>
        TimeOnly.TryParse(ReturnBy, System.Globalization.CultureInfo.InvariantCulture, out var time) ? time : null;

    private static TimeSpan? Minutes(int? minutes) => CustodyRuleFields.Minutes(minutes);
}

/// <summary>Which cabinets to list: at a site, on a controller, online or not.</summary>
public sealed record CabinetsQuery(CabinetFilter Filter) : Query<CabinetsQuery>, IQuery<CabinetsQuery>
{
    public static CabinetsQuery Read(QueryArguments query) =>
        new(new CabinetFilter(query.Id("siteId"), query.Id("controllerId"), query.Flag("online")));
}

public static class CabinetsEndpoints
{
    public static RouteGroupBuilder MapCabinets(this RouteGroupBuilder api)
    {
        var cabinets = api.MapGroup("/cabinets").WithTags("Cabinets").Scoped(ScopeRule.Everything);

        cabinets.MapPost("/", async (Body<CreateCabinetRequest> body, FleetAdmin admin, ClaimsPrincipal user) =>
        {
            var r = body.Value;
            return (await admin.RegisterCabinet(new CabinetId(r.Id!), new SiteId(r.SiteId!), new ControllerId(r.ControllerId!),
                    r.BusAddress!.Value, r.SlotCount!.Value, r.RequiresPin ?? false, user.Identity!.Name!, r.ReaderAddress))
                .ToResult(c => Results.Created($"/api/v1/cabinets/{c.Id}", CabinetView.Of(c)));
        }).RequireAuthorization(Policies.Configure).Produces<CabinetView>(StatusCodes.Status201Created).ProducesValidationProblem();

        cabinets.MapGet("/", async (CabinetsQuery query, PageQuery page, ReadScope scope, DirectoryQueries directory, CancellationToken ct) =>
            Results.Ok(Listing<CabinetSummary>.Of(await directory.Cabinets(query.Filter with { Visible = scope.Visible }, page.Paging, ct), CabinetSummary.Of)))
            .Scoped(ScopeRule.Filtered).Produces<Listing<CabinetSummary>>().ProducesValidationProblem();

        cabinets.MapGet("/{id}", async (CabinetId id, FleetAdmin admin) =>
            (await admin.GetCabinet(id)).ToResult(c => Results.Ok(CabinetView.Of(c)))).Scoped(ScopeRule.Cabinet).Produces<CabinetView>();

        cabinets.MapMethods("/{id}", [HttpMethods.Patch], async (CabinetId id, Body<ChangeCabinetRequest> body, FleetAdmin admin, ClaimsPrincipal user) =>
        {
            var r = body.Value;
            return (await admin.ChangeCabinet(id, r.ControllerId is { } to ? new ControllerId(to) : null, r.BusAddress, r.RequiresPin,
                    user.Identity!.Name!, r.ReaderAddress, r.RemoveReader ?? false))
                .ToResult(c => Results.Ok(CabinetView.Of(c)));
        }).RequireAuthorization(Policies.Configure).Produces<CabinetView>()
            .ProducesValidationProblem();

        cabinets.MapDelete("/{id}", async (CabinetId id, FleetAdmin admin, ClaimsPrincipal user) =>
            (await admin.DecommissionCabinet(id, user.Identity!.Name!)).ToResult(_ => Results.NoContent()))
            .Scoped(ScopeRule.Cabinet).RequireAuthorization(Policies.Configure).Produces(StatusCodes.Status204NoContent);

        cabinets.MapDelete("/{id}/slots/{slot:int}/key", async (CabinetId id, SlotNumber slot, FleetAdmin admin, ClaimsPrincipal user) =>
            (await admin.RemoveKey(slot.In(id), user.Identity!.Name!)).ToResult(_ => Results.NoContent()))
            .Scoped(ScopeRule.Slot).RequireAuthorization(Policies.Configure).Produces(StatusCodes.Status204NoContent);

        cabinets.MapPut("/{id}/slots/{slot:int}/key", async (CabinetId id, SlotNumber slot, Body<AssignKeyRequest> body, FleetAdmin admin, ClaimsPrincipal user) =>
            (await admin.AssignKey(slot.In(id), body.Value.Key(), user.Identity!.Name!)).ToResult(s => Results.Ok(CustodyView.Of(s))))
            .Scoped(ScopeRule.Cabinet).RequireAuthorization(Policies.Configure).Produces<CustodyView>().ProducesValidationProblem();

        cabinets.MapPut("/{id}/interlocks/{name}", async (CabinetId id, string name, Body<SetInterlockRequest> body, FleetAdmin admin, ClaimsPrincipal user) =>
        {
            var check = new Validator().Id("name", name).Text("name", name, InterlockGroup.MaxNameLength);
            if (!check.IsValid) return check.Problem();
            return (await admin.SetInterlock(id, new InterlockGroup(name, body.Value.MasterSlot!.Value, body.Value.Slots!), user.Identity!.Name!))
                .ToResult(c => Results.Ok(CabinetView.Of(c)));
        }).Scoped(ScopeRule.Cabinet).RequireAuthorization(Policies.Configure).Produces<CabinetView>().ProducesValidationProblem();

        cabinets.MapPut("/{id}/return-groups", async (CabinetId id, Body<SetReturnGroupsRequest> body, FleetAdmin admin, ClaimsPrincipal user) =>
            (await admin.SetReturnGroups(id, body.Value.Groups!, user.Identity!.Name!)).ToResult(c => Results.Ok(CabinetView.Of(c))))
            .Scoped(ScopeRule.Cabinet).RequireAuthorization(Policies.Configure).Produces<CabinetView>().ProducesValidationProblem();

        cabinets.MapDelete("/{id}/interlocks/{name}", async (CabinetId id, string name, FleetAdmin admin, ClaimsPrincipal user) =>
            (await admin.RemoveInterlock(id, name, user.Identity!.Name!)).ToResult(_ => Results.NoContent()))
            .Scoped(ScopeRule.Cabinet).RequireAuthorization(Policies.Configure).Produces(StatusCodes.Status204NoContent);
        return api;
    }
}
