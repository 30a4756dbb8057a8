using FleetKeys.Domain.Cabinets;
using FleetKeys.Domain.Ids;
using FleetKeys.Driver.Cabinets;
using FleetKeys.Protocol;
using FleetKeys.Protocol.Messages;

namespace FleetKeys.Driver.Tests;

/// <summary>An inventory is reported whole, gathered page by page from slot 1; a page out of turn is not placed.</summary>
public sealed class InventoryPagesSpecs
{
    private static readonly ByteString A = ByteString.FromHex("A1B2C3D4");
    private static readonly ByteString B = ByteString.FromHex("11223344");

    [Fact]
    public void The_pages_are_asked_for_in_turn_and_the_whole_inventory_comes_after_the_last_slot()
    {
        var pages = new InventoryPages();

        var next = pages.Received(new InventoryReport(4, 1, [A, ByteString.Empty]), out var early);
        Assert.Equal(new InventoryRequest(3), next);
        Assert.Null(early);

        Assert.Null(pages.Received(new InventoryReport(4, 3, [ByteString.Empty, B]), out var complete));
        Assert.Equal([new SlotTag(1, new TagId("A1B2C3D4")), new SlotTag(4, new TagId("11223344"))], complete);
    }

    [Fact]
    public void A_page_out_of_turn_is_dropped_and_the_next_inventory_starts_over_from_slot_1()
    {
        var pages = new InventoryPages();

        Assert.Null(pages.Received(new InventoryReport(4, 3, [B]), out var stray));
        Assert.Null(stray);
        Assert.Null(pages.Received(new InventoryReport(2, 1, [A, B]), out var complete));
        Assert.Equal(2, complete!.Count);
    }
}
