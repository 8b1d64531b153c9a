namespace Carmen.Api.Invitations;

public sealed class InvitationOptions
{
    public const string SectionName = "Carmen:Invitations";

    /// <summary>
    /// The address invitees reach Carmen at (e.g. https://carmen.example.com), which the mailed links start with.
    /// Empty: the scheme and host of the administrator's request, right when Carmen is reached directly.
    /// </summary>
    public string PublicUrl { get; set; } = "";

    public string BaseUrlFor(HttpRequest request) => PublicUrl is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}";
}
