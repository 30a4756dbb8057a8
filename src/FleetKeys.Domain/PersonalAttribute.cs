namespace FleetKeys.Domain;

/// <summary>
/// Marks a field that identifies a person — a name, an e-mail address, a badge number, free text written about them —
/// and names the sibling property holding the <see cref="Ids.PersonId"/> it belongs to (<c>Person</c> unless told).
/// The journal stores such a field sealed under that person's key, so erasing the person (destroying the key) leaves
/// the fact readable and the field unreadable for good (docs/architecture.md, "Personal data"). Where the person is
/// null the field is not about anyone known and stays clear.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalAttribute(string of = "Person") : Attribute
{
    public string Of { get; } = of;
}
