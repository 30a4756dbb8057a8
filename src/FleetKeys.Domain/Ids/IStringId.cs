using System.Diagnostics.CodeAnalysis;

namespace FleetKeys.Domain.Ids;

/// <summary>
/// A strongly typed id with a canonical string form, used for JSON, entity ids and persistence ids. It parses as any
/// <see cref="IParsable{TSelf}"/> does, so it binds from a route or a query string by its own rules; each id says so with
/// a one-line <c>TryParse</c> through <see cref="StringIds.TryParse{T}"/> (the web framework looks for it on the type itself).
/// </summary>
public interface IStringId<TSelf> : IParsable<TSelf> where TSelf : IStringId<TSelf>
{
    string Value { get; }

    static abstract TSelf Parse(string value);

    static TSelf IParsable<TSelf>.Parse(string s, IFormatProvider? provider) => TSelf.Parse(s);
}

public static class StringIds
{
    /// <summary>The id <paramref name="s"/> spells, or false where it breaks the id's rules.</summary>
    public static bool TryParse<T>([NotNullWhen(true)] string? s, [MaybeNullWhen(false)] out T result) where T : IStringId<T>
    {
        result = default;
        if (s is null) return false;
        try
        {
            result = T.Parse(s);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>
/// An id that is personal data where a person's field holds it (a badge number, an external id): stored sealed under
/// their key, and once they are erased read as an id holding only its sealed form.
/// </summary>
public interface ISealableId<TSelf> : IStringId<TSelf> where TSelf : ISealableId<TSelf>
{
    static abstract TSelf Erased(string sealedForm);
}
