using FleetKeys.Cluster.Administration;
using FleetKeys.Cluster.Projections.Queries;
using FleetKeys.Cluster.Projections.Rows;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Simulator;
using FleetKeys.Simulator.Activity;

namespace FleetKeys.Node.Demo;

/// <summary>
/// The demo's approver: security, simulated. A request waiting longer than <see cref="DemoSettings.ApprovalDelay"/> is
/// decided through the same code path as <c>POST /api/v1/approval-requests/{id}/approve</c>: every fourth refused, the rest
/// approved, and an approved requester sent back to the cabinet to redeem it once they are free (else it expires).
/// </summary>
internal static class DemoApprovals
{
    public const string Approver = "demo-approver";

    public static async Task Run(
        FleetAdmin admin, ApprovalQueries queries, IEnumerable<SimulatedCabinet> cabinets, IReadOnlyList<SimulatedPerson> people,
        ActivityScript activity, DemoSettings settings, ILogger log, CancellationToken stoppingToken)
    {
        var decided = 0;
        // Once back at the cabinet, an approved requester is not sent again: a take refused then (the key out meanwhile)
        // would otherwise bring them back every cycle until the approval expires.
        var sentBack = new HashSet<string>();
        try
        {
            while (true)
            {
                await Task.Delay(settings.ApprovalDelay / 4, stoppingToken);
                foreach (var row in await Listed(queries, ApprovalStatus.Pending, stoppingToken))
                {
                    if (DateTimeOffset.UtcNow - new DateTimeOffset(row.RequestedAt, TimeSpan.Zero) < settings.ApprovalDelay) continue;
                    var approve = ++decided % 4 != 0;
                    await admin.DecideApprovalRequest(ApprovalRequestId.Parse(row.RequestId), approve, Approver,
                        approve ? "simulated approval" : "simulated refusal");
                }

                // The requester was still at the cabinet, refused, when the approval came: they go back once they are free.
                var approved = await Listed(queries, ApprovalStatus.Approved, stoppingToken);
                sentBack.IntersectWith(approved.Select(r => r.RequestId));
                foreach (var row in approved)
                    if (!sentBack.Contains(row.RequestId)
                        && people.FirstOrDefault(p => p.PersonId == row.PersonId) is { } person
                        && cabinets.FirstOrDefault(c => c.CabinetId == row.CabinetId) is { } cabinet
                        && activity.Send(person, cabinet, (byte)row.Slot))
                        sentBack.Add(row.RequestId);
            }
        }
        catch (OperationCanceledException)
        {
            // the node is stopping
        }
        catch (Exception e)
        {
            log.LogWarning(e, "The demo's simulated approver stopped");
        }
    }

    private static async Task<IReadOnlyList<ApprovalRequestRow>> Listed(ApprovalQueries queries, ApprovalStatus status, CancellationToken stoppingToken) =>
        (await queries.List(new ApprovalFilter(status.ToString(), null, null), new Paging(1, 50), stoppingToken)).Items;
}
