namespace Carmen.Api.Hosting;

/// <summary>Where people reach Carmen, for the links it sends them (invitations) and the address providers send them back to (single sign-on).</summary>
public sealed class PublicUrlOptions
{
    public const string SectionName = "Carmen";

    /// <summary>
    /// The address people reach Carmen at (e.g. https://carmen.example.com). Empty: the scheme and host of the request
    /// at hand, right when Carmen is reached directly rather than through a proxy that rewrites them.
    /// </summary>
    public string PublicUrl { get; set; } = "";

    public string BaseUrlFor(HttpRequest request) => (PublicUrl is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}").TrimEnd('/');
}
