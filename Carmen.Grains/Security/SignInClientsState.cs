namespace Carmen.Grains.Security;

/// <summary>The addresses and user agents an administrator signed in from lately, most recent first.</summary>
[GenerateSerializer, Alias("Carmen.SignInClientsState")]
public sealed class SignInClientsState
{
    [Id(0)]
    public List<string> Addresses { get; set; } = [];

    [Id(1)]
    public List<string> UserAgents { get; set; } = [];
}
