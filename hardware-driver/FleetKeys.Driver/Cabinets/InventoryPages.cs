using FleetKeys.Domain.Cabinets;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// A cabinet's inventory arrives a packet of slots at a time: the pages are gathered from slot 1 until the last slot, and only
/// the whole inventory is reported (a partial one would read as keys missing).
/// </summary>
internal sealed class InventoryPages
{
    private readonly List<SlotTag> _tags = [];
    private int _expected = 1;

    /// <summary>The next page to ask for, or null with <paramref name="complete"/> set once the last slot came.</summary>
    public InventoryRequest? Received(InventoryReport page, out IReadOnlyList<SlotTag>? complete)
    {
        complete = null;
        if (page.FirstSlot == 1)
        {
            _tags.Clear();
            _expected = 1;
        }

        // A page out of turn (an earlier inventory's, after a new one began) cannot be placed; the next request from slot 1 starts over.
        if (page.FirstSlot != _expected) return null;
        for (var i = 0; i < page.Tags.Count; i++)
            if (HardwareIds.Tag(page.Tags[i]) is { } tag) _tags.Add(new SlotTag(page.FirstSlot + i, tag));
        _expected = page.FirstSlot + page.Tags.Count;
        if (_expected <= page.SlotCount) return new InventoryRequest((byte)_expected);
        complete = [.. _tags];
        _tags.Clear();
        _expected = 1;
        return null;
    }
}
