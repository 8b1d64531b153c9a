namespace Carmen.Api.RateLimits;

/// <summary>
/// A bucket's answer to one call: let in or not, the calls left (this node's lease and the bucket as last seen), how
/// long until a refused caller may try again and until the bucket is full.
/// </summary>
public readonly record struct RateDecision(bool Allowed, int Remaining, TimeSpan RetryAfter, TimeSpan FullIn);
