namespace FleetKeys.Domain;

/// <summary>
/// Marks a field that identifies a person — a name, an e-mail address, a badge number, free text written about them —
/// and names the sibling property holding the <see cref="Ids.PersonId"/> it belongs to (<c>Person</c> unless told).
/// The journal stores such a field sealed under that person's key, so erasing the person (destroying the key) leaves
/// the fact readable and the field unreadable for good (docs/architecture.md, "Personal data"). Where the person is
/// null the field is not about anyone known and stays clear.
/// <para>
/// On a property holding a nested record (a remote release, a handover's origin) the attribute passes that person down:
/// the nested record's fields marked <c>[Personal(PersonalAttribute.Enclosing)]</c> are sealed under them. Such a record held
/// where no person was passed down (a property not marked so, or whose person is null) is about no one known, and its
/// fields stay clear.
/// </para>
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalAttribute(string of = "Person") : Attribute
{
    /// <summary>Names no property: the person is the one the enclosing record's property passed down.</summary>
    public const string Enclosing = "";

    public string Of { get; } = of;
}
