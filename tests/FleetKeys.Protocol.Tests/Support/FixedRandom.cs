using System.Security.Cryptography;

namespace FleetKeys.Protocol.Tests.Support;

/// <summary>Hands out the given nonces in turn, so handshakes (and the documented examples) are reproducible.</summary>
internal sealed class FixedRandom(params byte[][] outputs) : RandomNumberGenerator
{
    private int _next;

    public override void GetBytes(byte[] data) => outputs[_next++ % outputs.Length].AsSpan(0, data.Length).CopyTo(data);
}
