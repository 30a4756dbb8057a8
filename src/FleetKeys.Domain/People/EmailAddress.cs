using System.Net.Mail;

namespace FleetKeys.Domain.People;

public static class EmailAddress
{
    /// <summary>A bare address (no display name, at most 254 characters), as mail is sent to it.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: <= 254 } && MailAddress.TryCreate(value, out var address) && address.Address == value;
}
