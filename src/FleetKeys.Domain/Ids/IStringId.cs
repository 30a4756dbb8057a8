namespace FleetKeys.Domain.Ids;

/// <summary>A strongly typed id with a canonical string form, used for JSON, entity ids and persistence ids.</summary>
public interface IStringId<TSelf> where TSelf : IStringId<TSelf>
{
    string Value { get; }
    static abstract TSelf Parse(string value);
}
