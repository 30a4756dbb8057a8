using FleetKeys.Domain;
using FleetKeys.Domain.Alarms;
using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Controllers;
using FleetKeys.Domain.Credentials;
using FleetKeys.Domain.ExternalIds;
using FleetKeys.Domain.KeyIds;
using FleetKeys.Domain.KeySlots;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Reports;
using FleetKeys.Domain.Sites;
using FleetKeys.Domain.TagHomes;
using FleetKeys.Domain.Time;
using FleetKeys.Domain.Webhooks;

namespace FleetKeys.Cluster.Serialization;

/// <summary>
/// The names FleetKeys messages go by in the journal and between nodes, each given once here and never derived from a
/// C# name, so a type can be renamed or moved without breaking a journal already written (docs/architecture.md,
/// "The stored contract").
/// </summary>
public static class MessageContract
{
    /// <summary>
    /// What journals hold: every event an entity persists and every entity state it snapshots. A name here is for good:
    /// never change or reuse one. A field added with a default keeps the name; any other change is a new version
    /// (<c>.v2</c>) with an upcaster from the old one (<see cref="Upcasters"/>). Each has a golden sample under
    /// tests/FleetKeys.Cluster.Tests/Golden.
    /// </summary>
    public static readonly IReadOnlyList<MessageName> Stored =
    [
        // Alarms
        Name<AlarmAcknowledged>("alarm.acknowledged.v1"),
        Name<AlarmCleared>("alarm.cleared.v1"),
        Name<AlarmState>("alarm.snapshot.v1"),
        // The audit's anchoring outside the database
        Name<AuditAnchoringLapsed>("audit.anchoring-lapsed.v1"),
        Name<AuditAnchoringCaughtUp>("audit.anchoring-caught-up.v1"),
        // Cabinets
        Name<AccessDenied>("cabinet.access-denied.v1"),
        Name<AlarmSettingsChanged>("cabinet.alarm-settings-changed.v1"),
        Name<BatteryLow>("cabinet.battery-low.v1"),
        Name<BatteryRecovered>("cabinet.battery-recovered.v1"),
        Name<CabinetChanged>("cabinet.changed.v1"),
        Name<CabinetDecommissioned>("cabinet.decommissioned.v1"),
        Name<DoorClosed>("cabinet.door-closed.v1"),
        Name<DoorLeftOpen>("cabinet.door-left-open.v1"),
        Name<DoorOpened>("cabinet.door-opened.v1"),
        Name<CabinetEmergencyOpened>("cabinet.emergency-opened.v1"),
        Name<InterlockRemoved>("cabinet.interlock-removed.v1"),
        Name<InventoryDiscrepancyFound>("cabinet.inventory-discrepancy-found.v1"),
        Name<InventoryDiscrepancyResolved>("cabinet.inventory-discrepancy-resolved.v1"),
        Name<InventoryTaken>("cabinet.inventory-taken.v1"),
        Name<InterlockSet>("cabinet.interlock-set.v1"),
        Name<KeyHomed>("cabinet.key-homed.v1"),
        Name<KeyUnhomed>("cabinet.key-unhomed.v1"),
        Name<CabinetLockdownLifted>("cabinet.lockdown-lifted.v1"),
        Name<CabinetLockedDown>("cabinet.locked-down.v1"),
        Name<OfflineAccessGranted>("cabinet.offline-access-granted.v1"),
        Name<CabinetOffline>("cabinet.offline.v1"),
        Name<CabinetOnline>("cabinet.online.v1"),
        Name<CabinetRegistered>("cabinet.registered.v1"),
        Name<CabinetSessionClosed>("cabinet.session-closed.v1"),
        Name<CabinetSessionOpened>("cabinet.session-opened.v1"),
        Name<SlotSummaryChanged>("cabinet.slot-summary-changed.v1"),
        Name<CabinetState>("cabinet.snapshot.v1"),
        Name<TagEnteredSlot>("cabinet.tag-entered-slot.v1"),
        Name<TagLeftSlot>("cabinet.tag-left-slot.v1"),
        Name<MainsPowerLost>("cabinet.mains-power-lost.v1"),
        Name<MainsPowerRestored>("cabinet.mains-power-restored.v1"),
        Name<TamperDetected>("cabinet.tamper-detected.v1"),
        Name<TamperRestored>("cabinet.tamper-restored.v1"),
        Name<WrongSlotReturn>("cabinet.wrong-slot-return.v1"),
        Name<ReturnGroupsSet>("cabinet.return-groups-set.v1"),
        // Controllers
        Name<CabinetAttached>("controller.cabinet-attached.v1"),
        Name<CabinetDetached>("controller.cabinet-detached.v1"),
        Name<ControllerChanged>("controller.changed.v1"),
        Name<ControllerCommunicationLost>("controller.communication-lost.v1"),
        Name<ControllerCommunicationRestored>("controller.communication-restored.v1"),
        Name<ControllerDecommissioned>("controller.decommissioned.v1"),
        Name<ControllerOfflineTooLong>("controller.offline-too-long.v1"),
        Name<ControllerRegistered>("controller.registered.v1"),
        Name<ControllerState>("controller.snapshot.v1"),
        // Credentials
        Name<BadgeClaimed>("badge.claimed.v1"),
        Name<BadgeReleased>("badge.released.v1"),
        Name<CredentialState>("badge.snapshot.v1"),
        // ExternalIds
        Name<ExternalIdClaimed>("external-id.claimed.v1"),
        Name<ExternalIdState>("external-id.snapshot.v1"),
        // KeyIds
        Name<KeyIdClaimed>("key-id.claimed.v1"),
        Name<KeyIdState>("key-id.snapshot.v1"),
        // TagHomes
        Name<TagHomed>("tag-home.homed.v1"),
        Name<TagHomeState>("tag-home.snapshot.v1"),
        // KeySlots
        Name<KeyAssigned>("keyslot.assigned.v1"),
        Name<KeyDueSoon>("keyslot.due-soon.v1"),
        Name<FaultCleared>("keyslot.fault-cleared.v1"),
        Name<FaultReported>("keyslot.fault-reported.v1"),
        Name<KeyForciblyRemoved>("keyslot.forcibly-removed.v1"),
        Name<KeyHandedOver>("keyslot.handed-over.v1"),
        Name<OverdueEscalated>("keyslot.overdue-escalated.v1"),
        Name<KeyOverdue>("keyslot.overdue.v1"),
        Name<ReleaseExpired>("keyslot.release-expired.v1"),
        Name<ReleaseVoided>("keyslot.release-voided.v1"),
        Name<KeyReleased>("keyslot.released.v1"),
        Name<KeyRemoved>("keyslot.removed.v1"),
        Name<ReservationCancelled>("keyslot.reservation-cancelled.v1"),
        Name<ReservationStarted>("keyslot.reservation-started.v1"),
        Name<KeyReserved>("keyslot.reserved.v1"),
        Name<KeyReturned>("keyslot.returned.v1"),
        Name<KeySlotState>("keyslot.snapshot.v1"),
        Name<KeyTakenUnderVoidedGrant>("keyslot.taken-under-voided-grant.v1"),
        Name<KeyTaken>("keyslot.taken.v1"),
        // People
        Name<BadgeAdded>("person.badge-added.v1"),
        Name<BadgeRemoved>("person.badge-removed.v1"),
        Name<ContactSet>("person.contact-set.v1"),
        Name<DuressPinCleared>("person.duress-pin-cleared.v1"),
        Name<DuressPinEntered>("person.duress-pin-entered.v1"),
        Name<DuressPinSet>("person.duress-pin-set.v1"),
        Name<EntitlementsSet>("person.entitlements-set.v1"),
        Name<ExternalIdLinked>("person.external-id-linked.v1"),
        Name<GrantIssued>("person.grant-issued.v1"),
        Name<GrantLapsed>("person.grant-lapsed.v1"),
        Name<KeyHandedBack>("person.key-handed-back.v1"),
        Name<KeyLimitChanged>("person.key-limit-changed.v1"),
        Name<KeyPickedUp>("person.key-picked-up.v1"),
        Name<KeyPassedOn>("person.key-passed-on.v1"),
        Name<KeyReceived>("person.key-received.v1"),
        Name<OfflineGrantAfterRevocation>("person.offline-grant-after-revocation.v1"),
        Name<PinCleared>("person.pin-cleared.v1"),
        Name<PinSet>("person.pin-set.v1"),
        Name<PurgeConfirmed>("person.purge-confirmed.v1"),
        Name<PersonRegistered>("person.registered.v1"),
        Name<PersonReinstated>("person.reinstated.v1"),
        Name<ReleaseAuthorised>("person.release-authorised.v1"),
        Name<RelockReported>("person.relock-reported.v1"),
        Name<PersonRenamed>("person.renamed.v1"),
        Name<PersonRevoked>("person.revoked.v1"),
        Name<SessionClosed>("person.session-closed.v1"),
        Name<SessionOpened>("person.session-opened.v1"),
        Name<PersonState>("person.snapshot.v1"),
        Name<SourceVersionRecorded>("person.source-version-recorded.v1"),
        Name<ValidityChanged>("person.validity-changed.v1"),
        Name<WrongPinEntered>("person.wrong-pin-entered.v1"),
        // Report subscriptions
        Name<ReportPaused>("report-subscription.paused.v1"),
        Name<ReportSent>("report-subscription.sent.v1"),
        Name<ReportSubscriptionState>("report-subscription.state.v1"),
        Name<ReportSubscribed>("report-subscription.subscribed.v1"),
        Name<ReportUnsubscribed>("report-subscription.unsubscribed.v1"),
        Name<ReportSubscriptionsState>("report-subscriptions.snapshot.v1"),
        // Sites
        Name<HolidaysSet>("site.holidays-set.v1"),
        Name<SiteRegistered>("site.registered.v1"),
        Name<SiteState>("site.snapshot.v1"),
        // Webhooks
        Name<DeliveryRecorded>("inbox.delivery-recorded.v1"),
        Name<InboxState>("inbox.snapshot.v1"),
    ];

    /// <summary>
    /// The domain's messages that cross the cluster but are never persisted: commands, queries, replies and the values
    /// they carry. The nodes of a cluster run one release, so these may change between releases, but each keeps a name
    /// of its own all the same.
    /// </summary>
    public static readonly IReadOnlyList<MessageName> Wire =
    [
        // replies any entity may give
        Name<Rejection>("rejection.v1"),
        // Alarms
        Name<AcknowledgeAlarm>("alarm.acknowledge.v1"),
        Name<ClearAlarm>("alarm.clear.v1"),
        Name<AlarmDetails>("alarm.details.v1"),
        Name<GetAlarm>("alarm.get.v1"),
        Name<AlarmSettings>("alarm.settings.v1"),
        Name<AlarmStep>("alarm.step.v1"),
        // Cabinets
        Name<AccessGranted>("cabinet.access-granted.v1"),
        Name<AssignKeyToSlot>("cabinet.assign-key-to-slot.v1"),
        Name<ChangeCabinet>("cabinet.change.v1"),
        Name<CabinetDetails>("cabinet.details.v1"),
        Name<DeclareEmergencyOpen>("cabinet.declare-emergency-open.v1"),
        Name<DecommissionCabinet>("cabinet.decommission.v1"),
        Name<EndSession>("cabinet.end-session.v1"),
        Name<GetCabinet>("cabinet.get.v1"),
        Name<HardwareEventRef>("cabinet.hardware-event-ref.v1"),
        Name<HomeKey>("cabinet.home-key.v1"),
        Name<InterlockGroup>("cabinet.interlock-group.v1"),
        Name<LiftLockdown>("cabinet.lift-lockdown.v1"),
        Name<LockDownCabinet>("cabinet.lock-down.v1"),
        Name<SetReturnGroups>("cabinet.set-return-groups.v1"),
        Name<CabinetLockdown>("cabinet.lockdown.v1"),
        Name<NoticeDoorLeftOpen>("cabinet.notice-door-left-open.v1"),
        Name<ChangePinAtCabinet>("cabinet.change-pin.v1"),
        Name<PinChangedAtCabinet>("cabinet.pin-changed.v1"),
        Name<PresentBadge>("cabinet.present-badge.v1"),
        Name<RecordAccessDenied>("cabinet.record-access-denied.v1"),
        Name<RecordOfflineAccess>("cabinet.record-offline-access.v1"),
        Name<RecordSessionOpened>("cabinet.record-session-opened.v1"),
        Name<RegisterCabinet>("cabinet.register.v1"),
        Name<HandOverKeyAt>("cabinet.hand-over-key.v1"),
        Name<ReleaseRemotely>("cabinet.release-remotely.v1"),
        Name<RelockSlot>("cabinet.relock-slot.v1"),
        Name<RemoveInterlock>("cabinet.remove-interlock.v1"),
        Name<RemoveKeyFromSlot>("cabinet.remove-key-from-slot.v1"),
        Name<ReportBattery>("cabinet.report-battery.v1"),
        Name<ReportConnectivity>("cabinet.report-connectivity.v1"),
        Name<ReportDoor>("cabinet.report-door.v1"),
        Name<ReportKeyFault>("cabinet.report-key-fault.v1"),
        Name<ReportInventory>("cabinet.report-inventory.v1"),
        Name<RequestInventory>("cabinet.request-inventory.v1"),
        Name<InventoryRequested>("cabinet.inventory-requested.v1"),
        Name<ReportMainsPower>("cabinet.report-mains-power.v1"),
        Name<ReportTagInserted>("cabinet.report-tag-inserted.v1"),
        Name<ReportTagRemoved>("cabinet.report-tag-removed.v1"),
        Name<ReportTamper>("cabinet.report-tamper.v1"),
        Name<SelectKey>("cabinet.select-key.v1"),
        Name<CabinetSession>("cabinet.session.v1"),
        Name<SetAlarmSettings>("cabinet.set-alarm-settings.v1"),
        Name<SetInterlock>("cabinet.set-interlock.v1"),
        Name<SlotEventRecorded>("cabinet.slot-event-recorded.v1"),
        Name<SlotSummary>("cabinet.slot-summary.v1"),
        Name<SlotTag>("cabinet.slot-tag.v1"),
        Name<InventoryDiscrepancy>("cabinet.inventory-discrepancy.v1"),
        Name<UnhomeKey>("cabinet.unhome-key.v1"),
        Name<UnlockSlot>("cabinet.unlock-slot.v1"),
        Name<UpdateSlotSummary>("cabinet.update-slot-summary.v1"),
        // Controllers
        Name<AttachCabinet>("controller.attach-cabinet.v1"),
        Name<ControllerDetails>("controller.details.v1"),
        Name<AttachedCabinet>("controller.attached-cabinet.v1"),
        Name<CabinetLayoutChanged>("controller.cabinet-layout-changed.v1"),
        Name<ChangeController>("controller.change.v1"),
        Name<DecommissionController>("controller.decommission.v1"),
        Name<DetachCabinet>("controller.detach-cabinet.v1"),
        Name<DriveLocks>("controller.drive-locks.v1"),
        Name<DriveRelock>("controller.drive-relock.v1"),
        Name<GetController>("controller.get.v1"),
        Name<NoticeControllerOfflineTooLong>("controller.notice-offline-too-long.v1"),
        Name<RegisterController>("controller.register.v1"),
        Name<ReportControllerCommunication>("controller.report-communication.v1"),
        Name<ResyncAllowList>("controller.resync-allow-list.v1"),
        Name<TakeInventory>("controller.take-inventory.v1"),
        // Credentials
        Name<ClaimBadge>("badge.claim.v1"),
        Name<ReleaseBadge>("badge.release.v1"),
        Name<BadgeResolution>("badge.resolution.v1"),
        Name<ResolveBadge>("badge.resolve.v1"),
        // ExternalIds
        Name<ClaimExternalId>("external-id.claim.v1"),
        // KeyIds
        Name<ClaimKeyId>("key-id.claim.v1"),
        // TagHomes
        Name<RecordTagHome>("tag-home.record.v1"),
        Name<FindTagHome>("tag-home.find.v1"),
        // KeySlots
        Name<AssignKey>("keyslot.assign.v1"),
        Name<CancelReservation>("keyslot.cancel-reservation.v1"),
        Name<ClearFault>("keyslot.clear-fault.v1"),
        Name<CustodyAlerts>("keyslot.custody-alerts.v1"),
        Name<CustodyPolicy>("keyslot.custody-policy.v1"),
        Name<KeyDefinition>("keyslot.definition.v1"),
        Name<KeySlotDetails>("keyslot.details.v1"),
        Name<DualAuthorisation>("keyslot.dual-authorisation.v1"),
        Name<ExpireRelease>("keyslot.expire-release.v1"),
        Name<KeyFault>("keyslot.fault.v1"),
        Name<GetCustody>("keyslot.get-custody.v1"),
        Name<HandOverKey>("keyslot.hand-over.v1"),
        Name<HandoverOrigin>("keyslot.handover-origin.v1"),
        Name<NoticeOverdue>("keyslot.notice-overdue.v1"),
        Name<NoticeReservationStart>("keyslot.notice-reservation-start.v1"),
        Name<RecordOfflineRelease>("keyslot.record-offline-release.v1"),
        Name<RecordTagRemoved>("keyslot.record-tag-removed.v1"),
        Name<RecordTagReturned>("keyslot.record-tag-returned.v1"),
        Name<ReleaseGranted>("keyslot.release-granted.v1"),
        Name<ReleaseKey>("keyslot.release.v1"),
        Name<RelockAnswer>("keyslot.relock-answer.v1"),
        Name<RemoteRelease>("keyslot.remote-release.v1"),
        Name<RemoveKey>("keyslot.remove.v1"),
        Name<ReportFault>("keyslot.report-fault.v1"),
        Name<RequestRelease>("keyslot.request-release.v1"),
        Name<RequestRemoteRelease>("keyslot.request-remote-release.v1"),
        Name<RequestHandover>("keyslot.request-handover.v1"),
        Name<Reservation>("keyslot.reservation.v1"),
        Name<ReserveKey>("keyslot.reserve.v1"),
        Name<VoidRelease>("keyslot.void-release.v1"),
        Name<VoidedRelease>("keyslot.voided-release.v1"),
        // People
        Name<AccessProfile>("person.access-profile.v1"),
        Name<AccessPublished>("person.access-published.v1"),
        Name<AddBadge>("person.add-badge.v1"),
        Name<AuthoriseRelease>("person.authorise-release.v1"),
        Name<ClearDuressPin>("person.clear-duress-pin.v1"),
        Name<ChangePin>("person.change-pin.v1"),
        Name<ClearPin>("person.clear-pin.v1"),
        Name<CloseSession>("person.close-session.v1"),
        Name<ConfirmGrantLapsed>("person.confirm-grant-lapsed.v1"),
        Name<ConfirmPurge>("person.confirm-purge.v1"),
        Name<ConfirmPassedOn>("person.confirm-passed-on.v1"),
        Name<ConfirmReceived>("person.confirm-received.v1"),
        Name<ConfirmReturned>("person.confirm-returned.v1"),
        Name<ConfirmTaken>("person.confirm-taken.v1"),
        Name<PersonDetails>("person.details.v1"),
        Name<Entitlement>("person.entitlement.v1"),
        Name<GetPerson>("person.get.v1"),
        Name<LinkExternalId>("person.link-external-id.v1"),
        Name<OpenSession>("person.open-session.v1"),
        Name<PendingGrant>("person.pending-grant.v1"),
        Name<PinLockoutPolicy>("person.pin-lockout-policy.v1"),
        Name<PublishAccess>("person.publish-access.v1"),
        Name<RebroadcastRevocation>("person.rebroadcast-revocation.v1"),
        Name<RegisterPerson>("person.register.v1"),
        Name<ReinstatePerson>("person.reinstate.v1"),
        Name<RemoveBadge>("person.remove-badge.v1"),
        Name<RenamePerson>("person.rename.v1"),
        Name<ReportRelock>("person.report-relock.v1"),
        Name<RequestGrant>("person.request-grant.v1"),
        Name<RequestHandoverGrant>("person.request-handover-grant.v1"),
        Name<RequestRemoteGrant>("person.request-remote-grant.v1"),
        Name<ReviewOfflineGrant>("person.review-offline-grant.v1"),
        Name<RevocationBroadcast>("person.revocation-broadcast.v1"),
        Name<RevocationProgress>("person.revocation-progress.v1"),
        Name<RevokePerson>("person.revoke.v1"),
        Name<PersonSession>("person.session.v1"),
        Name<SetContact>("person.set-contact.v1"),
        Name<SetDuressPin>("person.set-duress-pin.v1"),
        Name<SetEntitlements>("person.set-entitlements.v1"),
        Name<SetKeyLimit>("person.set-key-limit.v1"),
        Name<SetPin>("person.set-pin.v1"),
        Name<SetValidity>("person.set-validity.v1"),
        Name<SuspendIfBadgesUnused>("person.suspend-if-badges-unused.v1"),
        Name<SlotRelock>("person.slot-relock.v1"),
        // Report subscriptions
        Name<ReportCadence>("report-subscription.cadence.v1"),
        Name<GetReportSubscriptions>("report-subscription.get-all.v1"),
        Name<PauseReport>("report-subscription.pause.v1"),
        Name<RecordReportSent>("report-subscription.record-sent.v1"),
        Name<ReportSubscriptionList>("report-subscription.list.v1"),
        Name<SubscribeToReport>("report-subscription.subscribe.v1"),
        Name<UnsubscribeFromReport>("report-subscription.unsubscribe.v1"),
        // Sites
        Name<SiteDetails>("site.details.v1"),
        Name<GetSite>("site.get.v1"),
        Name<RegisterSite>("site.register.v1"),
        Name<SetHolidays>("site.set-holidays.v1"),
        // Time
        Name<Schedule>("time.schedule.v1"),
        Name<WeeklyWindow>("time.weekly-window.v1"),
        // Webhooks
        Name<GetDelivery>("inbox.get-delivery.v1"),
        Name<RecordDelivery>("inbox.record-delivery.v1"),
    ];

    internal static MessageName Name<T>(string name) where T : IFleetKeysMessage => new(name, typeof(T));
}

/// <summary>A message type and the name it goes by in the journal and on the wire.</summary>
public sealed record MessageName(string Name, Type Type);
