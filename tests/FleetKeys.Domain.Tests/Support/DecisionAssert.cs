namespace FleetKeys.Domain.Tests.Support;

public static class DecisionAssert
{
    /// <summary>Asserts the command was refused with <paramref name="code"/> and produced no events.</summary>
    public static Rejection Rejected<TEvent>(this Decision<TEvent> decision, RejectionCode code)
    {
        Assert.False(decision.IsAccepted, $"expected rejection {code}, but accepted with [{string.Join(", ", decision.Events)}]");
        Assert.Equal(code, decision.Rejection!.Code);
        Assert.False(string.IsNullOrWhiteSpace(decision.Rejection.Message));
        Assert.Empty(decision.Events);
        return decision.Rejection;
    }

    /// <summary>Asserts the command was refused with <paramref name="code"/>; the events recorded with the refusal are returned.</summary>
    public static IReadOnlyList<TEvent> RefusedRecording<TEvent>(this Decision<TEvent> decision, RejectionCode code)
    {
        Assert.False(decision.IsAccepted, $"expected refusal {code}, but accepted with [{string.Join(", ", decision.Events)}]");
        Assert.Equal(code, decision.Rejection!.Code);
        return decision.Events;
    }

    public static IReadOnlyList<TEvent> Accepted<TEvent>(this Decision<TEvent> decision)
    {
        Assert.True(decision.IsAccepted, $"expected acceptance, but rejected: {decision.Rejection}");
        return decision.Events;
    }

    /// <summary>An idempotent repeat: accepted, nothing to persist.</summary>
    public static void AcceptedWithoutEvents<TEvent>(this Decision<TEvent> decision) =>
        Assert.Empty(decision.Accepted());

    public static T OnlyEvent<T>(this IEnumerable<object> events) => Assert.IsType<T>(Assert.Single(events));

    public static T OnlyEvent<T, TEvent>(this Decision<TEvent> decision) where T : TEvent =>
        decision.Accepted().Cast<object>().OnlyEvent<T>();
}
