using FleetKeys.Cluster.Entities;
using FleetKeys.Cluster.Tests.Support;
using FleetKeys.Testing;
using FleetKeys.Domain;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Time;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// Approval before release across cabinet, person and key slot on a real node and database: a refusal at the cabinet files
/// the request, an approval is redeemed at the cabinet once, and every other rule still applies when it is.
/// </summary>
public abstract class ApprovalFlowSpecs<TDatabase>() : NodeSpecs<TDatabase>(new EntitySettings())
    where TDatabase : TestDatabase, new()
{
    private static readonly CustodyPolicy NeedsApproval = new(TimeSpan.FromHours(8), null)
    {
        Approval = new ApprovalRule(ApproverKind.Security, null, ApprovalRule.DefaultWindow, ApprovalRule.DefaultValidity),
    };

    private async Task<object> Choose(CabinetId cabinet, BadgeNumber badge, int slot)
    {
        var access = await AtCabinet<AccessGranted>(new PresentBadge(cabinet, badge, null, Now));
        return await AtCabinet<object>(new SelectKey(cabinet, access.Session, slot, Now));
    }

    private async Task<List<T>> Journal<T>(SlotId slot) => [.. (await Node.History.EventsOf($"keyslot-{slot}")).Select(e => e.Event).OfType<T>()];

    [Fact]
    public async Task A_refusal_at_the_cabinet_files_one_request_and_its_approval_is_redeemed_once()
    {
        var cabinet = await Fleet.Cabinet(slots: 1, policy: NeedsApproval);
        var (person, badge) = await Fleet.Person();
        var slot = new SlotId(cabinet, 1);

        var refused = Assert.IsType<Rejection>(await Choose(cabinet, badge, 1));
        Assert.Equal(RejectionCode.ApprovalRequired, refused.Code);
        var filed = Assert.Single(await Journal<ApprovalRequested>(slot));
        Assert.Equal((person, "cabinet " + cabinet), (filed.Request.Person, filed.Request.By));
        Assert.Contains(filed.Request.Id.Value, refused.Message);

        Assert.Equal(RejectionCode.ApprovalRequired, Assert.IsType<Rejection>(await Choose(cabinet, badge, 1)).Code);
        Assert.Single(await Journal<ApprovalRequested>(slot));

        Fleet.Must(await Node.Admin.DecideApprovalRequest(filed.Request.Id, approve: true, "ops", null));
        Assert.IsType<UnlockSlot>(await Choose(cabinet, badge, 1));
        Assert.Equal(filed.Request.Id, Assert.Single(await Journal<ApprovalRedeemed>(slot)).Request);

        await AtCabinet<SlotEventRecorded>(new ReportTagRemoved(cabinet, 1, Fleet.TagOf(cabinet, 1), Now));
        await AtCabinet<SlotEventRecorded>(new ReportTagInserted(cabinet, 1, Fleet.TagOf(cabinet, 1), Now));
        Assert.Equal(RejectionCode.ApprovalRequired, Assert.IsType<Rejection>(await Choose(cabinet, badge, 1)).Code);
        Assert.Equal(2, (await Journal<ApprovalRequested>(slot)).Count);
    }

    [Fact]
    public async Task Nobody_files_a_request_for_a_key_they_are_not_entitled_to()
    {
        var cabinet = await Fleet.Cabinet(slots: 1, policy: NeedsApproval, group: "vault");
        var (person, badge) = await Fleet.Person(entitlements: [new Entitlement(new KeyGroup("general"), null, null, Schedule.Always)]);
        var slot = new SlotId(cabinet, 1);

        Assert.Equal(RejectionCode.NotEntitled, Assert.IsType<Rejection>(await Choose(cabinet, badge, 1)).Code);
        var refused = await Node.Admin.FileApprovalRequest(slot, person, "night shift", "ops");
        Assert.Equal((RejectionCode.NotEntitled, "personId"), (refused.Rejection!.Code, refused.Rejection.Field));
        Assert.Empty(await Journal<ApprovalRequested>(slot));
    }

    [Fact]
    public async Task An_approval_does_not_lift_the_persons_limit()
    {
        var plain = await Fleet.Cabinet(slots: 1);
        var guarded = await Fleet.Cabinet(slots: 1, policy: NeedsApproval);
        var (person, badge) = await Fleet.Person(maxKeys: 1);
        Assert.IsType<UnlockSlot>(await Choose(plain, badge, 1));
        await AtCabinet<SlotEventRecorded>(new ReportTagRemoved(plain, 1, Fleet.TagOf(plain, 1), Now));

        var request = Fleet.Must(await Node.Admin.FileApprovalRequest(new SlotId(guarded, 1), person, "night shift", "ops"));
        Fleet.Must(await Node.Admin.DecideApprovalRequest(request.Id, approve: true, "ops", null));

        Assert.Equal(RejectionCode.LimitReached, Assert.IsType<Rejection>(await Choose(guarded, badge, 1)).Code);
        Assert.Empty(await Journal<ApprovalRedeemed>(new SlotId(guarded, 1)));
    }

    [Fact]
    public async Task Another_person_cannot_redeem_an_approval()
    {
        var cabinet = await Fleet.Cabinet(slots: 1, policy: NeedsApproval);
        var (requester, _) = await Fleet.Person();
        var (_, otherBadge) = await Fleet.Person();
        var request = Fleet.Must(await Node.Admin.FileApprovalRequest(new SlotId(cabinet, 1), requester, null, "ops"));
        Fleet.Must(await Node.Admin.DecideApprovalRequest(request.Id, approve: true, "ops", null));

        Assert.Equal(RejectionCode.ApprovalRequired, Assert.IsType<Rejection>(await Choose(cabinet, otherBadge, 1)).Code);
        Assert.Empty(await Journal<ApprovalRedeemed>(new SlotId(cabinet, 1)));
    }
}

public sealed class SqliteApprovalFlowSpecs : ApprovalFlowSpecs<SqliteTestDatabase>;

public sealed class PostgresApprovalFlowSpecs : ApprovalFlowSpecs<PostgresTestDatabase>;
