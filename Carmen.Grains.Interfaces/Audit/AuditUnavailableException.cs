namespace Carmen.Grains.Interfaces.Audit;

/// <summary>The trail could not store a record: the caller's action is not on record (fail-closed refuses it, 503).</summary>
[GenerateSerializer, Alias("Carmen.AuditUnavailableException")]
public sealed class AuditUnavailableException : Exception
{
    /// <summary>Creates the error for <paramref name="chain"/>.</summary>
    public AuditUnavailableException(string chain, string reason)
        : base($"The audit trail of '{chain}' cannot be written: {reason}")
    {
    }
}
