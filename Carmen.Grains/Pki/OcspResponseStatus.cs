namespace Carmen.Grains.Pki;

/// <summary>OCSPResponseStatus (RFC 6960 section 4.2.1).</summary>
internal enum OcspResponseStatus
{
    Successful = 0,
    MalformedRequest = 1,
    InternalError = 2,
    TryLater = 3,
    SignatureRequired = 5,
    Unauthorized = 6,
}
