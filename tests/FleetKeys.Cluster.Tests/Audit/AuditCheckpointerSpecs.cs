using System.Security.Cryptography;
using FleetKeys.Cluster.Projections.Audit;
using FleetKeys.Cluster.Security;
using FleetKeys.Domain.Audit;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Cluster.Tests.Audit;

public sealed class AuditCheckpointerSpecs : IAsyncLifetime
{
    private readonly AuditLogOnDisk _log = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly AuditKeys _keys = new(RandomNumberGenerator.GetBytes(32), 1);
    private readonly AuditSettings _settings = new() { CheckpointInterval = TimeSpan.FromMinutes(5), CheckpointEveryRows = 10 };

    private AuditCheckpointer Checkpointer => new(_log.Database, _keys, _settings, _clock, new AuditAnchors(_settings));

    public Task InitializeAsync() => _log.InitializeAsync();

    public Task DisposeAsync() => _log.DisposeAsync();

    [Fact]
    public async Task The_first_row_is_signed_at_once_and_later_heads_when_the_interval_has_passed()
    {
        var none = await Checkpointer.SignIfDue();
        await _log.Grow(3);
        var first = await Checkpointer.SignIfDue();
        await _log.Grow(2);
        _clock.Advance(TimeSpan.FromMinutes(4));
        var early = await Checkpointer.SignIfDue();
        _clock.Advance(TimeSpan.FromMinutes(1));
        var onTime = await Checkpointer.SignIfDue();
        _clock.Advance(TimeSpan.FromMinutes(30));
        var nothingNew = await Checkpointer.SignIfDue();

        Assert.Null(none);
        Assert.Equal((1L, 3L), (first!.Number, first.Seq));
        Assert.Null(early);
        Assert.Equal((2L, 5L), (onTime!.Number, onTime.Seq));
        Assert.Null(nothingNew);
        Assert.Equal([1L, 2L], (await _log.Checkpoints()).Select(c => c.Number));
    }

    [Fact]
    public async Task A_checkpoint_is_signed_as_soon_as_enough_rows_were_added_whatever_the_interval()
    {
        await _log.Grow(1);
        await Checkpointer.SignIfDue();
        await _log.Grow(9);
        var nine = await Checkpointer.SignIfDue();
        await _log.Grow(1);
        var ten = await Checkpointer.SignIfDue();

        Assert.Null(nine);
        Assert.Equal(11L, ten!.Seq);
    }

    [Fact]
    public async Task A_checkpoint_verifies_with_the_public_key_alone_and_not_once_any_field_changed()
    {
        await _log.Grow(2);
        var signed = (await Checkpointer.SignIfDue())!;
        var published = AuditPublicKey.FromPem(_keys.Current.Pem);
        var otherKey = new AuditKeys(RandomNumberGenerator.GetBytes(32), 1);

        Assert.True(published.Signed(signed));
        Assert.Equal(signed, (await _log.Checkpoints()).Single().Checkpoint());
        Assert.False(published.Signed(signed with { Head = new string('a', 64) }));
        Assert.False(published.Signed(signed with { Seq = 1 }));
        Assert.False(published.Signed(signed with { Number = 2 }));
        Assert.False(published.Signed(signed with { SignedAt = signed.SignedAt.AddSeconds(1) }));
        Assert.False(otherKey.Current.Signed(signed with { KeyId = otherKey.Current.Id }));
        Assert.DoesNotContain("PRIVATE", published.Pem);
    }

    [Fact]
    public async Task The_signing_key_is_the_same_for_every_node_with_the_master_secret_and_earlier_generations_stay_trusted()
    {
        var master = RandomNumberGenerator.GetBytes(32);
        var one = new AuditKeys(master, 1);
        var again = new AuditKeys(master, 1);
        var rotated = new AuditKeys(master, 2);

        Assert.Equal(one.Current.Pem, again.Current.Pem);
        Assert.NotEqual(one.Current.Id, rotated.Current.Id);
        Assert.Contains(rotated.Trusted, k => k.Id == one.Current.Id);
        Assert.Contains(rotated.Trusted, k => k.Signed(one.Sign(1, 1, new string('0', 64), DateTimeOffset.UnixEpoch)));
        Assert.DoesNotContain(Convert.ToBase64String(master), one.ToString());
    }
}
