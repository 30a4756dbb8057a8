namespace FleetKeys.Ctl;

/// <summary>
/// The options that belong to fleetctl itself rather than to a command; they may stand anywhere on the line, so
/// "fleetctl cluster show --json" and "fleetctl --json cluster show" mean the same.
/// </summary>
/// <param name="Out">The file a command's answer is written to instead of the terminal (an export).</param>
public sealed record CtlOptions(string? Node, string? TokenFile, string? CaFile, bool Json, bool Yes, bool Help, string? Out, IReadOnlyList<string> Words)
{
    public const string DefaultNode = "127.0.0.1:9110";

    /// <summary>Option names commands may not use for their own arguments.</summary>
    public static readonly string[] Names = ["--node", "--token-file", "--ca-file", "--json", "--yes", "--help", "--out"];

    /// <returns>The options, or null with <paramref name="error"/> set when a value is missing.</returns>
    public static CtlOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        string? node = null, tokenFile = null, caFile = null, output = null;
        bool json = false, yes = false, help = false;
        var words = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--node" or "--token-file" or "--ca-file" or "--out" when i + 1 >= args.Count:
                    error = $"{args[i]} needs a value";
                    return null;
                case "--node":
                    node = args[++i];
                    break;
                case "--token-file":
                    tokenFile = args[++i];
                    break;
                case "--ca-file":
                    caFile = args[++i];
                    break;
                case "--out":
                    output = args[++i];
                    break;
                case "--json":
                    json = true;
                    break;
                case "--yes" or "-y":
                    yes = true;
                    break;
                case "--help" or "-h":
                    help = true;
                    break;
                default:
                    words.Add(args[i]);
                    break;
            }
        }

        return new CtlOptions(node, tokenFile, caFile, json, yes, help, output, words);
    }

    /// <summary>--node, else FLEETCTL_NODE, else the default management port on this host.</summary>
    public string ResolveNode() => Node ?? Environment.GetEnvironmentVariable("FLEETCTL_NODE") ?? DefaultNode;

    /// <summary>--ca-file, else FLEETCTL_CA_FILE: the PEM file of the CA whose certificate the management port presents.</summary>
    public string? ResolveCaFile() =>
        CaFile ?? (Environment.GetEnvironmentVariable("FLEETCTL_CA_FILE") is { Length: > 0 } file ? file : null);

    /// <summary>
    /// "host:port" or a URL. A bare host:port is HTTPS when a CA file is given (a node with a certificate), HTTP otherwise
    /// (a node on loopback).
    /// </summary>
    public static Uri? NodeUri(string node, string? caFile)
    {
        var text = node.Contains("://", StringComparison.Ordinal) ? node : $"{(caFile is null ? "http" : "https")}://{node}";
        return Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.PathAndQuery == "/" && uri.Scheme is "http" or "https"
            ? uri
            : null;
    }
}
