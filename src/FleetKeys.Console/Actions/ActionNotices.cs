using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace FleetKeys.Console.Actions;

/// <summary>What an action answered, kept a minute for the page the user is sent back to.</summary>
public sealed record ActionNotice(string User, bool Done, string Text, DateTimeOffset At);

/// <summary>
/// The outcome of a form post, handed to the page it redirects to by an unguessable token bound to the user: a link
/// someone else made cannot put words on a user's screen.
/// </summary>
public sealed class ActionNotices
{
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, ActionNotice> _notices = new();

    public string Put(string user, bool done, string text)
    {
        foreach (var old in _notices.Where(n => DateTimeOffset.UtcNow - n.Value.At > Keep)) _notices.TryRemove(old.Key, out _);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        _notices[token] = new ActionNotice(user, done, text, DateTimeOffset.UtcNow);
        return token;
    }

    public ActionNotice? Take(string? token, string user) =>
        token is not null && _notices.TryGetValue(token, out var notice) && notice.User == user ? notice : null;
}
