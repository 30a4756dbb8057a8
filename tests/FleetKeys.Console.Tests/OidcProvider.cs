using System.Diagnostics;

namespace FleetKeys.Console.Tests;

/// <summary>
/// npm's oidc-provider (oidc/provider.js) as a process on a loopback port: a real OpenID Connect provider, with the login
/// and consent pages it ships for development. ./test.sh installs it (npm ci) when oidc/node_modules is missing.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "fleetkeys-console";
    public const string ClientSecret = "console-test-secret";
    public const string OperatorsGroup = "fleetkeys-operators";

    private readonly Process _process;

    private OidcProvider(Process process, int port)
    {
        _process = process;
        Issuer = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Issuer { get; }

    public static int ChoosePort() => FreePort.Next();

    public static async Task<OidcProvider> StartAsync(int port, Uri redirectUri)
    {
        var folder = RepositoryPaths.File("tests", "FleetKeys.Console.Tests", "oidc");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
            throw new InvalidOperationException($"oidc-provider is not installed in {folder}: run ./test.sh, or 'npm ci' there");
        var start = new ProcessStartInfo("node", [Path.Combine(folder, "provider.js"), port.ToString(), redirectUri.ToString()])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var provider = new OidcProvider(process, port);
        await Endpoint.AnswersOk(new Uri(provider.Issuer, "/.well-known/openid-configuration"), TimeSpan.FromSeconds(20));
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
