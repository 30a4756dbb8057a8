using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.TagHomes;

public interface ITagHomeMessage : IFleetKeysMessage
{
    TagId Tag { get; }
}

/// <summary>
/// A slot is given the key with this tag; recorded by the slot before the key is. <see cref="HolderStillCarriesIt"/> is
/// filled in by the shell from the answer of the slot the tag points at now, when that is another slot.
/// </summary>
public sealed record RecordTagHome(TagId Tag, SlotId Slot, string? ReturnGroup, DateTimeOffset At) : ITagHomeMessage, IAsk<TagHomeState>
{
    public bool? HolderStillCarriesIt { get; init; }
}

/// <summary>Where the key with this tag is homed, asked by a cabinet that found the tag in a slot and homes no key of it.</summary>
public sealed record FindTagHome(TagId Tag) : ITagHomeMessage, IAsk<TagHomeState>;

public sealed record TagHomed(TagId Tag, SlotId Slot, string? ReturnGroup, DateTimeOffset At) : IFleetKeysMessage;

/// <summary>
/// The tag directory, one entity per tag: the slot last given the key with this tag, and the return group its policy names,
/// so a cabinet finding a tag it homes no key of knows whose custody ends and whether the return is allowed there. One tag,
/// one key: a tag stays with its slot while that slot carries a key with it — two keys sharing a tag would end each
/// other's custody — and once the slot carries another key (or none), another slot may take the tag over. It is a
/// pointer, not the authority: the slot named decides, and ignores a tag it no longer carries (a key since removed).
/// </summary>
public sealed record TagHomeState(TagId Tag, SlotId? Slot, string? ReturnGroup)
    : IEntityState<TagHomeState, RecordTagHome, TagHomed>, IFleetKeysMessage
{
    public Decision<TagHomed> Decide(RecordTagHome command)
    {
        if (Slot is { } holder && holder != command.Slot && command.HolderStillCarriesIt != false)
            return Rejection.Of(RejectionCode.Conflict, $"tag {Tag} is already on the key homed in slot {holder}");
        return (Slot, ReturnGroup) == (command.Slot, command.ReturnGroup)
            ? Decision<TagHomed>.Accept()
            : Decision<TagHomed>.Accept(new TagHomed(Tag, command.Slot, command.ReturnGroup, command.At));
    }

    public TagHomeState Apply(TagHomed @event) => this with { Slot = @event.Slot, ReturnGroup = @event.ReturnGroup };

    /// <summary>Whether a cabinet of <paramref name="groups"/> takes the key back: only when its policy names one of them.</summary>
    public bool MayReturnAmong(IReadOnlySet<string> groups) => ReturnGroup is { } group && groups.Contains(group);
}
