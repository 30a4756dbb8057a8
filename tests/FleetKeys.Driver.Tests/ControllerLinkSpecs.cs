using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using FleetKeys.Driver.Transport;

namespace FleetKeys.Driver.Tests;

/// <summary>The driver's TCP link to one controller, against a real socket on loopback standing in for the controller.</summary>
public sealed partial class ControllerLinkSpecs : IAsyncLifetime
{
    private readonly TcpListener _controller = new(IPAddress.Loopback, 0);
    private readonly Channel<LinkEvent> _events = Channel.CreateUnbounded<LinkEvent>();

    private int Port => ((IPEndPoint)_controller.LocalEndpoint).Port;

    public Task InitializeAsync()
    {
        _controller.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _controller.Stop();
        return Task.CompletedTask;
    }

    private async Task<T> Next<T>() where T : LinkEvent
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return Assert.IsType<T>(await _events.Reader.ReadAsync(bound.Token));
    }

    private async Task<(ControllerLink Link, Socket Controller)> Connect(int generation)
    {
        ControllerLink.Dial("127.0.0.1", Port, generation, e => _events.Writer.TryWrite(e));
        var controller = await _controller.AcceptSocketAsync();
        var connected = await Next<LinkEvent.Connected>();
        Assert.Equal(generation, connected.Generation);
        return (connected.Link, controller);
    }

    private static async Task<byte[]> ReadExactly(Socket socket, int count)
    {
        var buffer = new byte[count];
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await new NetworkStream(socket).ReadExactlyAsync(buffer, bound.Token);
        return buffer;
    }

    [Fact]
    public async Task Frames_reach_the_controller_whole_and_in_the_order_they_were_written()
    {
        var (link, controller) = await Connect(1);
        using var _ = link;
        using var __ = controller;
        var frames = Enumerable.Range(0, 500).Select(i => Enumerable.Repeat((byte)i, 1 + i % 37).ToArray()).ToList();

        foreach (var frame in frames) link.Write(frame);

        Assert.Equal(frames.SelectMany(f => f), await ReadExactly(controller, frames.Sum(f => f.Length)));
    }

    [Fact]
    public async Task Writing_never_waits_for_a_controller_that_does_not_read()
    {
        var (link, controller) = await Connect(1);
        using var _ = link;
        using var __ = controller;
        var frame = new byte[64 * 1024];

        // Far more than the two sockets' buffers hold: a blocking send would wait here for the controller to read, forever.
        var writing = Task.Run(() =>
        {
            for (var i = 0; i < 512; i++) link.Write(frame);
        });

        await writing.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(frame.Length, (await ReadExactly(controller, frame.Length)).Length);
    }

    [Fact]
    public async Task What_the_controller_sends_is_reported_in_order_with_the_links_generation()
    {
        var (link, controller) = await Connect(7);
        using var _ = link;
        using var __ = controller;

        await controller.SendAsync(new byte[] { 1, 2, 3 });
        var received = new List<byte>();
        while (received.Count < 3)
        {
            var next = await Next<LinkEvent.Received>();
            Assert.Equal(7, next.Generation);
            received.AddRange(next.Bytes);
        }

        Assert.Equal([1, 2, 3], received);
    }

    [Fact]
    public async Task A_controller_that_hangs_up_is_reported_lost_and_later_writes_are_dropped()
    {
        var (link, controller) = await Connect(3);
        using var _ = link;

        controller.Dispose();

        var lost = await Next<LinkEvent.Lost>();
        Assert.Equal(3, lost.Generation);
        link.Write([1]);
    }

    [Fact]
    public async Task A_link_its_owner_closed_reports_nothing_more()
    {
        var (link, controller) = await Connect(4);
        using var _ = controller;

        link.Dispose();

        // The controller sees the connection end; the owner, who closed it, hears nothing about it.
        Assert.Equal(0, await controller.ReceiveAsync(new byte[1]));
        link.Write([1]);
        Assert.False(_events.Reader.TryRead(out var more), $"reported after the owner closed it: {more}");
    }

    [Fact]
    public async Task A_dial_nobody_answers_is_reported_failed_with_its_generation()
    {
        var port = Port;
        _controller.Stop();

        ControllerLink.Dial("127.0.0.1", port, 9, e => _events.Writer.TryWrite(e));

        var failed = await Next<LinkEvent.DialFailed>();
        Assert.Equal(9, failed.Generation);
        Assert.NotEmpty(failed.Reason);
    }
}
