using System.Text.Json;
using Akka.Actor;
using FleetKeys.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FleetKeys.Node.Tests.Input;

/// <summary>An entity that does not answer in time makes a 503 the client can act on, never a bare 500.</summary>
public sealed class ClusterTimeoutSpecs
{
    private static async Task<(bool Handled, HttpContext Context)> Handle(Exception exception)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
            Request = { Method = "POST", Path = "/api/v1/cabinets" },
            Response = { Body = new MemoryStream() },
        };
        var handled = await new ClusterTimeoutHandler(NullLogger<ClusterTimeoutHandler>.Instance).TryHandleAsync(context, exception, CancellationToken.None);
        return (handled, context);
    }

    [Fact]
    public async Task An_ask_timeout_is_answered_503_with_retry_after_and_a_problem_saying_the_request_may_still_take_effect()
    {
        var (handled, context) = await Handle(new AskTimeoutException("Timeout after 00:00:10 seconds"));

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal(ClusterTimeoutHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), context.Response.Headers.RetryAfter);
        context.Response.Body.Position = 0;
        var problem = JsonDocument.Parse(context.Response.Body).RootElement;
        Assert.Equal("Unavailable", problem.GetProperty("code").GetString());
        Assert.Contains("may still take effect", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Any_other_failure_is_left_to_the_default_handler()
    {
        var (handled, context) = await Handle(new InvalidOperationException("a bug"));

        Assert.False(handled);
        Assert.Equal(0, context.Response.Body.Length);
    }
}
