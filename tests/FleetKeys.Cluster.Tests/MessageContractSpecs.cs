using System.Text.Json.Nodes;
using FleetKeys.Cluster.Serialization;
using FleetKeys.Domain;
using FleetKeys.Domain.Ids;
using FleetKeys.Domain.People;

namespace FleetKeys.Cluster.Tests;

/// <summary>
/// The contract names every message once: a type nobody named, two types under one name, or a persisted type outside
/// the stored part would break a journal or a conversation between nodes, so each fails here first.
/// </summary>
public sealed class MessageContractSpecs
{
    private static readonly IReadOnlyList<MessageName> Everything = [.. MessageContract.Stored, .. MessageContract.Wire, .. NodeMessages.All];

    /// <summary>Every concrete type the serializer is bound to, wherever it is declared.</summary>
    private static readonly IReadOnlyList<Type> Serializable =
    [
        .. new[] { typeof(IFleetKeysMessage).Assembly, typeof(MessageContract).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IFleetKeysMessage).IsAssignableFrom(t)),
    ];

    [Fact]
    public void Every_serializable_message_type_has_a_name()
    {
        var unnamed = Serializable.Except(Everything.Select(n => n.Type)).Select(t => t.FullName).Order();

        Assert.Empty(unnamed);
    }

    [Fact]
    public void No_two_message_types_share_a_name_and_no_type_has_two()
    {
        Assert.Empty(Everything.GroupBy(n => n.Name).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(Everything.GroupBy(n => n.Type).Where(g => g.Count() > 1).Select(g => g.Key.FullName));
    }

    [Fact]
    public void The_stored_part_is_exactly_what_entities_persist_and_snapshot()
    {
        var persisted = Serializable
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEntityState<,,>)))
            .SelectMany(i => Serializable.Where(i.GetGenericArguments()[2].IsAssignableFrom).Prepend(i.GetGenericArguments()[0]))
            // The node's own journals beside the entities': the audit anchoring's lapses and catch-ups, and retention's
            // decisions, never snapshotted.
            .Concat(Serializable.Where(typeof(FleetKeys.Domain.Alarms.AuditAnchoringEvent).IsAssignableFrom))
            .Append(typeof(FleetKeys.Domain.Retention.RetentionApplied))
            .Distinct();

        Assert.Equal(persisted.Select(t => t.FullName).Order(), MessageContract.Stored.Select(n => n.Type.FullName).Order());
    }

    [Fact]
    public void Names_say_their_version_and_the_nodes_own_messages_stay_out_of_the_domains_contract()
    {
        Assert.All(Everything, n => Assert.Matches(@"^[a-z][a-z-]*(\.[a-z][a-z-]*)*\.v[0-9]+$", n.Name));
        Assert.All(NodeMessages.All, n => Assert.StartsWith("node.", n.Name));
        Assert.DoesNotContain(MessageContract.Stored.Concat(MessageContract.Wire), n => n.Name.StartsWith("node.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_registry_with_two_types_under_one_name_does_not_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new MessageRegistry(
            [new("person.renamed.v1", typeof(PersonRenamed)), new("person.renamed.v1", typeof(PersonRevoked))], []));

        Assert.Contains("person.renamed.v1", error.Message);
        Assert.Contains(nameof(PersonRevoked), error.Message);
    }

    [Fact]
    public void A_retired_version_is_read_through_its_upcaster_as_the_version_that_replaced_it()
    {
        // v1 called the name "FullName"; v2 calls it "Name".
        var registry = new MessageRegistry([new("person.renamed.v2", typeof(PersonRenamed))],
            [new Upcaster("person.renamed.v1", "person.renamed.v2", v1 => new JsonObject
            {
                ["Person"] = v1["Person"]!.DeepClone(), ["Name"] = v1["FullName"]!.DeepClone(), ["At"] = v1["At"]!.DeepClone(),
            })]);

        var read = registry.Read("""{"Person":"alice","FullName":"Alice Liddell","At":"2026-06-01T08:00:00+00:00"}"""u8.ToArray(), "person.renamed.v1");

        Assert.Equal(new PersonRenamed(new PersonId("alice"), "Alice Liddell", new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero)), read);
    }
}
