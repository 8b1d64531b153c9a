namespace Carmen.Grains.Interfaces;

/// <summary>What went wrong in a domain operation; the API maps each kind to one HTTP status.</summary>
[GenerateSerializer, Alias("Carmen.ErrorKind")]
public enum ErrorKind
{
    /// <summary>The input is invalid (400).</summary>
    Validation = 0,

    /// <summary>The resource does not exist, or is not visible to the caller (404).</summary>
    NotFound = 1,

    /// <summary>The operation conflicts with the current state (409).</summary>
    Conflict = 2,

    /// <summary>The operation is refused in the current state, e.g. a suspended tenant (403).</summary>
    Forbidden = 3,
}
