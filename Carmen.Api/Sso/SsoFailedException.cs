namespace Carmen.Api.Sso;

/// <summary>A sign-in through a provider that did not work out, with the status to answer (401 refused, 502 the provider failed).</summary>
public sealed class SsoFailedException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
