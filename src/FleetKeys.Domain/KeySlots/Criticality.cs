namespace FleetKeys.Domain.KeySlots;

public enum Criticality
{
    Normal,
    Restricted,
    Master,
}
