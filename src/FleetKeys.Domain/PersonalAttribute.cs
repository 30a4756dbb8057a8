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
/// <para>
/// A field of custody history names its fact's own time (<see cref="Period"/>): it is sealed under the person's key of
/// that time's period (<see cref="Retention.HistoryPeriod"/>), so retention can shred old history and leave the person's
/// profile and recent history readable. A field without it — the person's profile — is sealed under their own key,
/// which only erasure destroys. A nested record's Enclosing fields take the period passed down with the person.
/// </para>
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalAttribute(string of = "Person") : Attribute
{
    /// <summary>Names no property: the person is the one the enclosing record's property passed down.</summary>
    public const string Enclosing = "";

    public string Of { get; } = of;

    /// <summary>The sibling property holding the fact's time (a <see cref="DateTimeOffset"/>): the field is custody history.</summary>
    public string? Period { get; set; }
}
