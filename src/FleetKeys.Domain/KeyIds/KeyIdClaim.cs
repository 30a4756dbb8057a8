using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.KeyIds;

public interface IKeyIdMessage : IFleetKeysMessage
{
    KeyId Key { get; }
}

/// <summary>
/// A slot claims the id of the key it is about to carry. <see cref="HolderStillCarriesIt"/> is filled in by the shell
/// from the answer of the slot the id belongs to now, when that is another slot.
/// </summary>
public sealed record ClaimKeyId(KeyId Key, SlotId Slot, DateTimeOffset At) : IKeyIdMessage, IAsk<KeyIdState>
{
    public bool? HolderStillCarriesIt { get; init; }
}

public sealed record KeyIdClaimed(KeyId Key, SlotId Slot, DateTimeOffset At) : IFleetKeysMessage;

/// <summary>
/// The key id directory, one entity per key id: which slot the key of that id is homed in. A single writer per id is
/// what makes "one key id, one slot" hold across the cluster, however two assignments interleave — like badges in the
/// credential directory. An id stays with its slot while that slot carries a key of that id; once the slot carries
/// another key (or none), another slot may take the id over.
/// </summary>
public sealed record KeyIdState(KeyId Key, SlotId? Slot) : IEntityState<KeyIdState, ClaimKeyId, KeyIdClaimed>, IFleetKeysMessage
{
    public Decision<KeyIdClaimed> Decide(ClaimKeyId command)
    {
        if (Slot == command.Slot) return Decision<KeyIdClaimed>.Accept();
        if (Slot is { } holder && command.HolderStillCarriesIt != false)
            return Rejection.Of(RejectionCode.Conflict, $"key {Key} is already homed in slot {holder}");
        return Decision<KeyIdClaimed>.Accept(new KeyIdClaimed(Key, command.Slot, command.At));
    }

    public KeyIdState Apply(KeyIdClaimed @event) => this with { Slot = @event.Slot };
}
