using FleetKeys.Protocol.Channels;

namespace FleetKeys.Simulator;

/// <summary>
/// Paging for replies that list items (events, inventory): as many leading items as fit in one
/// sealed packet, and at most 255 because the list is counted in one byte. Item sizes are measured
/// with the protocol's own encoder, so the simulator holds no second copy of the wire layout.
/// </summary>
internal static class ReplyBudget
{
    public static int Fit(int headerLength, IEnumerable<int> itemLengths)
    {
        var (count, used) = (0, headerLength);
        foreach (var length in itemLengths)
        {
            if (count == byte.MaxValue || used + length > PeripheralChannel.MaxReplyDataLength) break;
            used += length;
            count++;
        }
        return count;
    }
}
