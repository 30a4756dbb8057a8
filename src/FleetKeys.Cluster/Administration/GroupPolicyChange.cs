using FleetKeys.Domain;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Cluster.Administration;

/// <summary>A key of the group whose slot refused the new rules (e.g. the key is out): its policy stays as it was.</summary>
public sealed record RefusedKey(SlotId Slot, KeyId Key, Rejection Rejection);

/// <summary>What changing a key group's rules did: how many keys the group has, how many now have other rules, which refused.</summary>
public sealed record GroupPolicyChange(KeyGroup Group, int Keys, int Changed, IReadOnlyList<RefusedKey> Refused);
