namespace FleetKeys.Protocol.Messages;

/// <summary>The byte after the vendor code in a FleetKeys MFGREP reply (0x80 set, so replies stand out in a dump).</summary>
public enum ManufacturerReplyCode : byte
{
    InventoryReport = 0x81,
    EventReport = 0x82,
    KeySelected = 0x83,
    AllowListAck = 0x84,
    ControllerStatus = 0x85,
}
