using FleetKeys.Domain.Ids;
using FleetKeys.Protocol;

namespace FleetKeys.Driver.Cabinets;

/// <summary>
/// A cabinet layout's offline slots by key group. An allow-list entry holds the slots of the groups the person may take
/// offline there; worked out per person and slot, a cabinet's reload at 20,000 people cost the node's cores at the full
/// fleet (docs/benchmarks.md, finding 17): here it is once per layout, then a union per person.
/// </summary>
internal sealed class GroupSlots(IReadOnlyDictionary<int, KeyGroup> groups)
{
    private readonly SlotSet _all = SlotSet.Of(groups.Keys);
    private readonly Dictionary<KeyGroup, SlotSet> _byGroup = groups.GroupBy(g => g.Value).ToDictionary(g => g.Key, g => SlotSet.Of(g.Select(s => s.Key)));

    /// <summary>The slots holding the groups <paramref name="entitled"/> names; every slot when one of them names no group.</summary>
    public SlotSet Of(IEnumerable<KeyGroup?> entitled)
    {
        var slots = SlotSet.Empty;
        foreach (var group in entitled)
        {
            if (group is not { } named) return _all;
            if (_byGroup.TryGetValue(named, out var these)) slots = slots.Union(these);
        }

        return slots;
    }
}
