using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using FleetKeys.Cluster.Security;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;
using FleetKeys.Domain.Retention;

namespace FleetKeys.Cluster.Serialization;

/// <summary>
/// Seals one personal field under its person's key (their own, or their key of the fact's part of their history), deterministically: the nonce is derived from the value under the
/// person's key (as AES-GCM-SIV does), so the same value seals to the same text every time. The audit rows made from a
/// fact re-read from the journal therefore match the rows made when it was written, and a sealed value whose key is gone
/// is kept as it was stored (<see cref="ErasedPerson"/>): erasure changes no stored byte of a fact.
/// </summary>
public sealed class PersonalSeal(PersonKeys keys)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>
    /// The value's sealed form under <paramref name="person"/>'s own key, or under their key of <paramref name="part"/>
    /// for custody history; a value already sealed stays as it is.
    /// </summary>
    public string Seal(PersonId person, HistoryPart? part, string value)
    {
        if (ErasedPerson.IsSealed(value)) return value;
        // Once the key is destroyed nothing sealed under it is readable again: a late fact is sealed under the destroyed key
        // (which this node keeps in memory for sealing only) or, on a node that never held it, under a key no one keeps.
        var key = keys.ForSealing(person, part) ?? RandomNumberGenerator.GetBytes(32);
        var plaintext = Encoding.UTF8.GetBytes(value);
        var box = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = box.AsSpan(0, NonceBytes);
        HMACSHA256.HashData(Derived(key, "nonce"), plaintext).AsSpan(0, NonceBytes).CopyTo(nonce);
        using var aes = new AesGcm(Derived(key, "seal"), TagBytes);
        aes.Encrypt(nonce, plaintext, box.AsSpan(NonceBytes, plaintext.Length), box.AsSpan(NonceBytes + plaintext.Length), Context(person));
        var sealedBox = Base64Url.EncodeToString(box);
        return part switch
        {
            { Site: { } site } p => $"{ErasedPerson.PeriodPrefix}{person.Value}/{HistoryPeriod.Text(p.Period)}/{site.Value}/{sealedBox}",
            { } p => $"{ErasedPerson.PeriodPrefix}{person.Value}/{HistoryPeriod.Text(p.Period)}/{sealedBox}",
            null => $"{ErasedPerson.Prefix}{person.Value}/{sealedBox}",
        };
    }

    /// <summary>The clear value of a sealed one; the sealed form itself when its key was destroyed; a clear value as it is.</summary>
    public string Open(string value)
    {
        if (ErasedPerson.Parse(value) is not { } parts || !PersonId.TryParse(parts.Person, null, out var person)) return value;
        if (keys.Find(person, parts.Part) is not { } key) return value;
        var box = Base64Url.DecodeFromChars(parts.Box);
        if (box.Length < NonceBytes + TagBytes) return value;
        var length = box.Length - NonceBytes - TagBytes;
        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(Derived(key, "seal"), TagBytes);
            aes.Decrypt(box.AsSpan(0, NonceBytes), box.AsSpan(NonceBytes, length), box.AsSpan(NonceBytes + length), plaintext, Context(person));
        }
        catch (AuthenticationTagMismatchException)
        {
            // Sealed under another key (a late fact after its key was destroyed): as unreadable as a destroyed one.
            return value;
        }

        return Encoding.UTF8.GetString(plaintext);
    }

    private static byte[] Derived(byte[] key, string purpose) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose));

    private static byte[] Context(PersonId person) => Encoding.UTF8.GetBytes(person.Value);

    public override string ToString() => "PersonalSeal(redacted)";
}
