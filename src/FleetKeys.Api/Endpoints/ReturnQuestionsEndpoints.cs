using System.Security.Claims;
using FleetKeys.Api.Auth;
using FleetKeys.Api.Binding;
using FleetKeys.Api.Problems;
using FleetKeys.Cluster.Administration;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FleetKeys.Api.Endpoints;

/// <summary>
/// The answers to a key's return questions; only those the key asks, each within its bounds (the slot checks which are asked
/// and that the odometer does not run backwards).
/// </summary>
public sealed record ReturnAnswersRequest(int? OdometerKm, int? FuelPercent, bool? Damaged) : IValidatable
{
    public void Validate(Validator check) => check
        .Range("odometerKm", OdometerKm, 0, CustodyQuestions.MaxOdometerKm, required: false)
        .Range("fuelPercent", FuelPercent, 0, 100, required: false);
}

/// <summary>Answers recorded by an operator for a return made without them; see docs/policies.md "Reasons and questions".</summary>
public static class ReturnQuestionsEndpoints
{
    public static RouteGroupBuilder MapReturnQuestions(this RouteGroupBuilder api)
    {
        api.MapPost("/cabinets/{id}/slots/{slot:int}/return-answers", async (CabinetId id, SlotNumber slot, Body<ReturnAnswersRequest> body,
                FleetAdmin admin, ClaimsPrincipal user) =>
            {
                var r = body.Value;
                return (await admin.AnswerReturnQuestions(slot.In(id), new ReturnAnswers(r.OdometerKm, r.FuelPercent, r.Damaged), user.Identity!.Name!))
                    .ToResult(s => Results.Ok(CustodyView.Of(s)));
            })
            .WithTags("Custody").Scoped(ScopeRule.Slot).RequireAuthorization(Policies.Operate).Produces<CustodyView>().ProducesValidationProblem();
        return api;
    }
}
