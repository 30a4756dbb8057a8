namespace FleetKeys.Protocol.Messages;

/// <summary>The byte after the vendor code in a FleetKeys MFG command.</summary>
public enum ManufacturerCommandCode : byte
{
    InventoryRequest = 0x01,
    EventAck = 0x02,
    AllowListUpsert = 0x03,
    AllowListRemove = 0x04,
    AllowListPurge = 0x05,
    AllowListClear = 0x06,
    SetOfflinePolicy = 0x07,
    SetClock = 0x08,
    StatusRequest = 0x09,
    SetSlotQuestions = 0x0A,
}
