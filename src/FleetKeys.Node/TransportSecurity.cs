using System.Net;
using Microsoft.AspNetCore.Http;

namespace FleetKeys.Node;

/// <summary>Section "FleetKeys:Network".</summary>
public sealed class NetworkSettings
{
    /// <summary>
    /// The network this node listens on is trusted (an isolated segment, a service mesh that encrypts for it): the API, the
    /// management port and the cluster may then listen beyond loopback without TLS. Off by default.
    /// </summary>
    public bool Trusted { get; set; }
}

/// <summary>A setting the node refuses to start with; the message says which and what to do instead.</summary>
public sealed class NodeConfigurationException(string message) : Exception(message);

/// <summary>
/// HTTPS and TLS as the rule beyond loopback. The API serves HTTPS through Kestrel's standard configuration ("Urls" with
/// https://, "Kestrel:Certificates:Default"), with HSTS; the management port and the cluster through their own
/// certificate settings. A node that would listen in plain text on anything but loopback does not start, unless
/// FleetKeys:Network:Trusted says the network is trusted.
/// </summary>
public static class TransportSecurity
{
    public static WebApplicationBuilder AddTransportSecurity(this WebApplicationBuilder builder, NodeSettings settings)
    {
        var seeds = settings.Cluster.SeedNodes.Where(s => !s.StartsWith(settings.Cluster.Protocol + "://", StringComparison.Ordinal)).ToList();
        if (seeds.Count > 0)
            throw new NodeConfigurationException(
                $"FleetKeys:Cluster:SeedNodes must be {settings.Cluster.Protocol}:// addresses " +
                $"({(settings.Cluster.Tls.Enabled ? "the cluster runs over TLS" : "no cluster certificate is configured")}), not: {string.Join(", ", seeds)}");

        var plain = PlainTextBeyondLoopback(builder.Configuration, settings).ToList();
        if (plain.Count > 0 && !settings.Network.Trusted)
            throw new NodeConfigurationException(
                "Refusing to listen in plain text beyond loopback: " + string.Join("; ", plain) +
                ". Give each a certificate (docs/operations.md, \"A secure installation\"), listen on 127.0.0.1, or set " +
                "FleetKeys:Network:Trusted=true if this network is trusted.");

        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
            // The default leaves out localhost; a node on loopback behind HTTPS should say the same as one beyond it.
            hsts.ExcludedHosts.Clear();
        });
        return builder;
    }

    /// <summary>Strict-Transport-Security on every HTTPS answer of the API.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        app.UseHsts();
        return app;
    }

    private static IEnumerable<string> PlainTextBeyondLoopback(IConfiguration configuration, NodeSettings settings)
    {
        foreach (var url in ApiUrls(configuration))
        {
            var address = BindingAddress.Parse(url);
            if (address.Scheme == "http" && !IsLoopback(address.Host)) yield return $"the API on {url} (use https:// and Kestrel:Certificates:Default)";
        }

        if (!settings.Management.Certificate.IsSet && !IsLoopback(settings.Management.Host))
            yield return $"the management port on {settings.Management.Host} (set FleetKeys:Management:Certificate)";
        if (!settings.Cluster.Tls.Enabled && !IsLoopback(settings.Cluster.Hostname))
            yield return $"the cluster on {settings.Cluster.Hostname} (set FleetKeys:Cluster:Tls)";
    }

    /// <summary>Where Kestrel will listen, by its own precedence: configured endpoints, else "urls", else the port lists.</summary>
    private static IEnumerable<string> ApiUrls(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>().ToList();
        if (endpoints.Count > 0) return endpoints;
        if (configuration["urls"] is { Length: > 0 } urls) return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Ports(configuration["http_ports"], "http").Concat(Ports(configuration["https_ports"], "https"));
    }

    private static IEnumerable<string> Ports(string? ports, string scheme) =>
        (ports ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"{scheme}://*:{p}");

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
