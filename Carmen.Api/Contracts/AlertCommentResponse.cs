using Carmen.Grains.Interfaces.Alerts;

namespace Carmen.Api.Contracts;

/// <summary>A comment on an alert: when, by whom, what.</summary>
public sealed record AlertCommentResponse(DateTimeOffset At, string User, string Text)
{
    public static AlertCommentResponse From(AlertComment comment) => new(comment.At, comment.User, comment.Text);
}
