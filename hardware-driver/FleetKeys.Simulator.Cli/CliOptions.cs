using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using FleetKeys.Simulator.Activity;
using FleetKeys.Simulator.Fleet;

namespace FleetKeys.Simulator.Cli;

/// <summary>The command line, parsed. <see cref="Usage"/> is what a wrong one prints.</summary>
internal sealed record CliOptions(
    FleetLayout Layout,
    byte[] MasterSecret,
    TimeSpan StatusEvery,
    int People,
    bool WithPins,
    ActivityOptions? Activity,
    string Listen)
{
    public const string Usage = """
        usage: FleetKeys.Simulator.Cli --controllers N --cabinets M --slots K --master-secret BASE64
                 [--base-port P] [--status-every SECONDS] [--listen ADDRESS] [--stock-readers]
                 [--activity [--people N] [--rate VISITS_PER_SECOND] [--visits N] [--pins] [--seed S]]

          Serves N controllers x M cabinets x K slots on 127.0.0.1: controller i on port P + i - 1
          (any free port when P is 0 or absent). Ids are ctl-01, ctl-01-cab-01...; each secret is
          derived from the master secret (32 bytes or more, base64). --activity adds simulated people
          (p-0001..., badges and PINs as SimulatedPerson.Generate makes them) who take and return keys.
          --listen 0.0.0.0 serves other hosts too (e.g. from a container); the default is 127.0.0.1.
          --stock-readers makes every cabinet a mixed one: a stock OSDP reader at bus address M + m
          beside board m (M at most 63), where the people badge and type their PINs.
          Stops on Ctrl+C or SIGTERM.
        """;

    public static bool TryParse(string[] args, [NotNullWhen(true)] out CliOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        var values = new Dictionary<string, string>();
        var flags = new HashSet<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--activity" or "--pins" or "--stock-readers") flags.Add(name);
            else if (name.StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length) values[name] = args[++i];
            else return Fail($"unexpected argument '{name}'", out error);
        }
        var unknown = values.Keys.Except(["--controllers", "--cabinets", "--slots", "--master-secret", "--base-port",
            "--status-every", "--people", "--rate", "--visits", "--seed", "--listen"]).FirstOrDefault();
        if (unknown is not null) return Fail($"unknown option {unknown}", out error);

        if (!Number(values, "--controllers", null, 1, 10_000, out var controllers, out error)
            || !Number(values, "--cabinets", null, 1,
                flags.Contains("--stock-readers") ? FleetLayout.MaxCabinetsPerController / 2 : FleetLayout.MaxCabinetsPerController, out var cabinets, out error)
            || !Number(values, "--slots", null, 1, CabinetSpec.MaxSlots, out var slots, out error)
            || !Number(values, "--base-port", 0, 0, ushort.MaxValue - controllers + 1, out var basePort, out error)
            || !Number(values, "--status-every", 5, 1, 3600, out var statusEvery, out error)
            || !Number(values, "--people", 10, 1, 100_000, out var people, out error)
            || !Number(values, "--visits", int.MaxValue, 1, int.MaxValue, out var visits, out error)
            || !Number(values, "--seed", 1, int.MinValue, int.MaxValue, out var seed, out error))
            return false;
        if (!values.TryGetValue("--master-secret", out var base64)) return Fail("--master-secret is required", out error);
        // The message never repeats the value: it may be a near-miss of the real secret.
        if (!TryBase64(base64, out var master) || master.Length < 32)
            return Fail("--master-secret must be at least 32 bytes in base64", out error);
        var rate = 1.0;
        if (values.TryGetValue("--rate", out var rateText)
            && (!double.TryParse(rateText, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) || rate is <= 0 or > 10_000))
            return Fail("--rate must be a number of visits per second above 0", out error);

        var listen = values.GetValueOrDefault("--listen", SimulatedController.Host);
        if (!System.Net.IPAddress.TryParse(listen, out _)) return Fail("--listen must be an IP address such as 0.0.0.0", out error);

        var activity = flags.Contains("--activity")
            ? new ActivityOptions { VisitsPerSecond = rate, MaxVisits = visits, Seed = seed }
            : null;
        options = new CliOptions(new FleetLayout(controllers, cabinets, slots, basePort, flags.Contains("--stock-readers")), master,
            TimeSpan.FromSeconds(statusEvery), people, flags.Contains("--pins"), activity, listen);
        return true;
    }

    private static bool Number(Dictionary<string, string> values, string name, int? fallback, int min, int max,
        out int value, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (!values.TryGetValue(name, out var text))
        {
            value = fallback ?? 0;
            return fallback is not null || Fail($"{name} is required", out error);
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
            return true;
        return Fail($"{name} must be a whole number from {min} to {max}", out error);
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[text.Length];
        var ok = Convert.TryFromBase64String(text, buffer, out var written);
        bytes = buffer[..written];
        return ok;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
