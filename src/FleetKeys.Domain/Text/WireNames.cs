namespace FleetKeys.Domain.Text;

/// <summary>How a C# name — an enum member, an alarm kind — is written where people and programs read it: in camel case, as the API's JSON writes names.</summary>
public static class WireNames
{
    public static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
