namespace FleetKeys.Domain.People;

public enum PersonStatus
{
    Active,
    Suspended,
    Terminated,
}
