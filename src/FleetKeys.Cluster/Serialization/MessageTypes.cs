namespace FleetKeys.Cluster.Serialization;

/// <summary>The production registry: the domain's contract, the node's own messages, and the upcasters of retired versions.</summary>
public static class MessageTypes
{
    private static readonly Lazy<MessageRegistry> Registry =
        new(() => new MessageRegistry([.. MessageContract.Stored, .. MessageContract.Wire, .. NodeMessages.All], Upcasters.All));

    public static MessageRegistry Production => Registry.Value;

    public static IReadOnlyCollection<Type> All => Registry.Value.Types;

    public static string ManifestOf(Type type) => Registry.Value.NameOf(type);

    public static Type TypeOf(string manifest) => Registry.Value.TypeOf(manifest);
}
