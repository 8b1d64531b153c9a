namespace Carmen.Api.Sso;

public sealed class SsoOptions
{
    public const string SectionName = "Carmen:Sso";

    /// <summary>
    /// Lets identity providers be reached over plain HTTP and at loopback or private addresses. Off by default: an
    /// issuer is an https address on the public network, so a tenant's configuration cannot point Carmen at internal
    /// services. For development and tests only.
    /// </summary>
    public bool AllowLocalIssuers { get; set; }
}
