namespace Carmen.Grains.Interfaces.Notifications;

/// <summary>A tenant's mail server for email channels. The password is kept to sign in and never shown again.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.SmtpSettings")]
public sealed record SmtpSettings(
    [property: Id(0)] string Host,
    [property: Id(1)] int Port,
    [property: Id(2)] SmtpSecurity Security,
    [property: Id(3)] string From,
    [property: Id(4)] string? Username = null,
    [property: Id(5)] string? Password = null);
