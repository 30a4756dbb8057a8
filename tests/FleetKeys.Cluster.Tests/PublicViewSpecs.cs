using System.Reflection;
using System.Text.RegularExpressions;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Domain;
using FleetKeys.Domain.People;
using FleetKeys.Testing;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// The public view is the one place that decides what of a stored fact may leave the node. Which types carry a secret is
/// found by the <see cref="SecretAttribute"/>, so these specs cover a secret-bearing type added tomorrow without a change.
/// </summary>
public sealed partial class PublicViewSpecs
{
    private const string Sentinel = "SECRET-SENTINEL-7f3a";

    public static TheoryData<string> SecretBearingNames() => new(PublicView.SecretBearingTypes.Select(MessageTypes.ManifestOf));

    [Fact]
    public void The_secret_bearing_types_are_found_by_their_marked_fields()
    {
        Assert.Superset(
            new HashSet<Type> { typeof(PinSet), typeof(DuressPinSet), typeof(SetPin), typeof(SetDuressPin), typeof(PersonState), typeof(AccessProfile), typeof(OpenSession) },
            PublicView.SecretBearingTypes.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(SecretBearingNames))]
    public void A_secret_bearing_message_shows_no_secret_in_its_public_view_or_when_printed(string name)
    {
        var sample = MessageSamples.Of(MessageTypes.TypeOf(name), Sentinel);
        Assert.Contains(Sentinel, System.Text.Json.JsonSerializer.Serialize(sample, sample.GetType(), FleetKeysJsonSerializer.Options));

        Assert.DoesNotContain(Sentinel, PublicView.Json(sample));
        Assert.DoesNotContain(Sentinel, sample.ToString());
    }

    [Fact]
    public void The_public_view_keeps_who_and_when_of_a_pin_set()
    {
        var set = new PinSet(new FleetKeys.Domain.Ids.PersonId("p-1"), "pbkdf2-sha256-sealed$50000$c2FsdA==$Ym94", DateTimeOffset.UnixEpoch, "admin");

        Assert.Equal("""{"By":"admin","Person":"p-1","At":"1970-01-01T00:00:00+00:00"}""", PublicView.Json(set));
    }

    /// <summary>A field named like a secret but not marked would slip past every surface: the name alone fails the build's specs.</summary>
    [Fact]
    public void Every_field_named_like_a_secret_is_marked_secret()
    {
        var unmarked = MessageTypes.All.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => (t, p)))
            .Where(x => x.p.PropertyType == typeof(string) && SecretName().IsMatch(x.p.Name) && !x.p.IsDefined(typeof(SecretAttribute)))
            .Select(x => $"{x.t.Name}.{x.p.Name}")
            .ToList();

        Assert.Empty(unmarked);
    }

    [GeneratedRegex("(Pin|PinHash|Secret|Password|Token|ApiKey|Hash)$")]
    private static partial Regex SecretName();
}
