namespace Carmen.Grains.Interfaces.Pki;

/// <summary>The reasons of RFC 5280 (section 5.3.1) a certificate may be revoked for, with their codes; "certificateHold" and "removeFromCRL" are not offered: a revocation is final.</summary>
public enum CertificateRevocationReason
{
    /// <summary>No reason given.</summary>
    Unspecified = 0,

    /// <summary>The device's private key is known or suspected to be compromised.</summary>
    KeyCompromise = 1,

    /// <summary>The CA's key is compromised.</summary>
    CACompromise = 2,

    /// <summary>The device changed owner or purpose.</summary>
    AffiliationChanged = 3,

    /// <summary>A newer certificate replaces it.</summary>
    Superseded = 4,

    /// <summary>The device is out of service.</summary>
    CessationOfOperation = 5,

    /// <summary>The device may no longer do what the certificate allowed.</summary>
    PrivilegeWithdrawn = 9,
}
