namespace FleetKeys.Domain;

/// <summary>
/// Marks a field that must never leave the node: a PIN, a hash of one, a signing secret. Every read surface shows a
/// stored fact through its public view, which leaves such fields out, and the set of secret-bearing message types is
/// found by looking for this attribute, so a new one is covered without being listed anywhere.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;
