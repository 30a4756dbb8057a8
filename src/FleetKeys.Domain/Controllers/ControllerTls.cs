using System.Text.RegularExpressions;
using FleetKeys.Domain.Ids;

namespace FleetKeys.Domain.Controllers;

/// <summary>
/// The controller's TCP link in TLS 1.3, trusting only the certificate whose SHA-256 thumbprint is <c>Thumbprint</c>
/// (64 hex digits; colons and spaces, as openssl prints it, are dropped); null: the plain link again. OSDP's secure channel
/// protects the bus either way; TLS also hides which devices talk and when.
/// </summary>
public sealed partial record SetControllerTls(ControllerId Controller, string? Thumbprint, string By, DateTimeOffset At)
    : ControllerCommand(Controller, At), IAsk<ControllerDetails>
{
    /// <summary>The thumbprint in upper-case hex without separators; null when it is no SHA-256 thumbprint.</summary>
    public static string? Normalize(string thumbprint)
    {
        var hex = thumbprint.Replace(":", "").Replace(" ", "").ToUpperInvariant();
        return Sha256Hex().IsMatch(hex) ? hex : null;
    }

    [GeneratedRegex("^[0-9A-F]{64}$")]
    private static partial Regex Sha256Hex();
}

public sealed record ControllerTlsSet(ControllerId Controller, string? Thumbprint, string By, DateTimeOffset At) : ControllerEvent(Controller, At);
