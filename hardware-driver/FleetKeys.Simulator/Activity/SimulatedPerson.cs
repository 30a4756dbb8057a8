using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FleetKeys.Protocol;

namespace FleetKeys.Simulator.Activity;

/// <summary>
/// Someone who uses the cabinets: a person id, the card data of their badge, and a PIN if their
/// entitlement asks for one. <see cref="Generate"/> makes the same people on every run, so a node
/// in demo mode can enrol exactly those the simulator sends to the cabinets.
/// </summary>
public sealed record SimulatedPerson(string PersonId, ByteString Badge, string? Pin)
{
    /// <summary>"p-0001", "p-0002"…, each with 4 bytes of card data and, if asked, a 4-digit PIN, all derived from the id.</summary>
    public static IReadOnlyList<SimulatedPerson> Generate(int count, bool withPins = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return [.. Enumerable.Range(1, count).Select(n =>
        {
            var personId = $"p-{n.ToString("D4", CultureInfo.InvariantCulture)}";
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"fleetkeys/person/{personId}"));
            var pin = (BinaryPrimitives.ReadUInt16LittleEndian(hash.AsSpan(4)) % 10_000).ToString("D4", CultureInfo.InvariantCulture);
            return new SimulatedPerson(personId, new ByteString(hash.AsSpan(0, 4)), withPins ? pin : null);
        })];
    }

    /// <summary>A PIN never prints, not even a simulated one: logs of demo runs get copied around.</summary>
    public override string ToString() =>
        $"SimulatedPerson {{ PersonId = {PersonId}, Badge = {Badge}, Pin = {(Pin is null ? "none" : "redacted")} }}";
}
