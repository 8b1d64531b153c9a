namespace Carmen.Grains.Interfaces.Notifications;

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text; for a relay on a trusted network only.</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS, which the server must offer (usually port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    Tls,
}
