using FleetKeys.Domain;

namespace FleetKeys.Cluster.Administration;

/// <summary>An entity's answer: the value asked for, or the rejection that explains why not.</summary>
public readonly record struct Outcome<T>(T? Value, Rejection? Rejection) where T : class
{
    public static Outcome<T> From(object answer) => answer switch
    {
        T value => new(value, null),
        Rejection rejection => new(null, rejection),
        _ => throw new InvalidOperationException($"expected {typeof(T).Name} or a rejection, got {answer.GetType().Name}"),
    };

    public static implicit operator Outcome<T>(Rejection rejection) => new(null, rejection);
}
