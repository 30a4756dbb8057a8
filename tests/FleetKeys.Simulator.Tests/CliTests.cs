using System.Diagnostics;
using System.Globalization;
using FleetKeys.Protocol.Messages;
using FleetKeys.Protocol.Security;
using FleetKeys.Simulator.Cli;
using FleetKeys.Simulator.Fleet;
using FleetKeys.Simulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FleetKeys.Simulator.Tests;

public sealed class CliTests
{
    private static readonly byte[] Master = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();
    private static readonly string MasterBase64 = Convert.ToBase64String(Master);

    [Fact]
    public void The_command_line_gives_the_layout_the_secret_and_the_activity()
    {
        Assert.True(CliOptions.TryParse(["--controllers", "3", "--cabinets", "2", "--slots", "8", "--base-port", "40100",
            "--master-secret", MasterBase64, "--activity", "--people", "5", "--rate", "2.5", "--pins"], out var options, out _));

        Assert.Equal(new FleetLayout(3, 2, 8, 40100), options.Layout);
        Assert.Equal(Master, options.MasterSecret);
        Assert.Equal((5, true, 2.5), (options.People, options.WithPins, options.Activity!.VisitsPerSecond));
        Assert.True(CliOptions.TryParse(["--controllers", "1", "--cabinets", "1", "--slots", "1", "--master-secret", MasterBase64],
            out var plain, out _));
        Assert.Null(plain.Activity);
        Assert.Equal("127.0.0.1", plain.Listen);
    }

    [Fact]
    public void A_listen_address_serves_beyond_loopback_and_a_bad_one_is_refused()
    {
        Assert.True(CliOptions.TryParse(["--controllers", "1", "--cabinets", "1", "--slots", "1", "--master-secret", MasterBase64,
            "--listen", "0.0.0.0"], out var options, out _));
        Assert.False(CliOptions.TryParse(["--controllers", "1", "--cabinets", "1", "--slots", "1", "--master-secret", MasterBase64,
            "--listen", "everywhere"], out _, out var error));

        Assert.Equal("0.0.0.0", options.Listen);
        Assert.Contains("--listen", error);
    }

    [Fact]
    public void Stock_readers_make_every_cabinet_a_mixed_one_on_a_bus_of_half_as_many_cabinets()
    {
        Assert.True(CliOptions.TryParse(["--controllers", "1", "--cabinets", "3", "--slots", "2", "--master-secret", MasterBase64, "--stock-readers"],
            out var options, out _));
        Assert.False(CliOptions.TryParse(["--controllers", "1", "--cabinets", "64", "--slots", "2", "--master-secret", MasterBase64, "--stock-readers"],
            out _, out var error));

        Assert.Equal([4, 5, 6], options.Layout.Specs()[0].Cabinets.Select(c => (int)c.ReaderAddress!.Value));
        Assert.StartsWith("--cabinets must be a whole number from 1 to 63", error);
    }

    [Theory]
    [InlineData("--cabinets", "1", "--slots", "1", "--master-secret", "*", "--controllers is required")]
    [InlineData("--controllers", "1", "--cabinets", "200", "--slots", "1", "--master-secret", "*", "--cabinets must")]
    [InlineData("--controllers", "1", "--cabinets", "1", "--slots", "1", "--colour", "red", "unknown option --colour")]
    [InlineData("--controllers", "1", "--cabinets", "1", "--slots", "1", "--master-secret", "c2hvcnQ=", "--master-secret must")]
    public void A_wrong_command_line_is_refused_with_a_reason(params string[] argsAndError)
    {
        var args = argsAndError[..^1].Select(a => a == "*" ? MasterBase64 : a).ToArray();

        Assert.False(CliOptions.TryParse(args, out _, out var error));

        Assert.StartsWith(argsAndError[^1], error);
        Assert.DoesNotContain("c2hvcnQ=", error);
    }

    [Fact]
    public async Task The_run_serves_the_fleet_prints_a_status_line_each_period_and_stops_when_cancelled()
    {
        Assert.True(CliOptions.TryParse(["--controllers", "2", "--cabinets", "2", "--slots", "3", "--master-secret", MasterBase64,
            "--status-every", "5"], out var options, out _));
        var time = new FakeTimeProvider(Rig.Start);
        var output = new LineWriter();
        using var stopping = new CancellationTokenSource();

        var run = SimulatorRun.RunAsync(options, output, time, stopping.Token);
        var first = await output.NextAsync();
        var second = await output.NextAsync();
        Assert.StartsWith("serving 2 controllers, 4 cabinets, 12 slots", await output.NextAsync());

        Assert.EndsWith("cabinets ctl-02-cab-01@1,ctl-02-cab-02@2", second);
        await using (var panel = await TestPanel.ConnectAsync(PortOf(first), ControllerSecret.Derive(Master, "ctl-01")))
        {
            await panel.HandshakeAsync(2);
            Assert.IsType<Ack>(await panel.PollAsync(2));
        }
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.StartsWith("status 08:30:05: 0/4 cabinets online, frames 3, naks 0", await output.NextAsync());

        await stopping.CancelAsync();
        await run.WaitAsync(TestPanel.Patience);
        Assert.Equal("stopped", await output.NextAsync());
    }

    [Fact]
    public async Task The_program_serves_until_SIGTERM_and_then_exits_cleanly()
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "FleetKeys.Simulator.Cli.dll"),
                "--controllers", "1", "--cabinets", "1", "--slots", "2", "--master-secret", MasterBase64 },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TestPanel.Patience);
            await using (var panel = await TestPanel.ConnectAsync(PortOf(line!), ControllerSecret.Derive(Master, "ctl-01")))
            {
                await panel.HandshakeAsync(1);
                Assert.IsType<Ack>(await panel.PollAsync(1));
            }

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            await process.WaitForExitAsync().WaitAsync(TestPanel.Patience);

            Assert.Equal(0, process.ExitCode);
            Assert.EndsWith("stopped", (await process.StandardOutput.ReadToEndAsync()).TrimEnd());
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }

    /// <summary>"ctl-01 127.0.0.1:40123 cabinets …" → 40123.</summary>
    private static int PortOf(string controllerLine) =>
        int.Parse(controllerLine.Split(' ')[1].Split(':')[1], CultureInfo.InvariantCulture);
}
