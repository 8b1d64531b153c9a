namespace Carmen.Grains.Interfaces;

/// <summary>
/// Unix times in milliseconds from outside (a device's <c>ts</c>, a request's <c>forceTime</c>): a long can name
/// moments no <see cref="DateTimeOffset"/> holds, which would throw wherever the value is read back.
/// </summary>
public static class UnixTimes
{
    /// <summary>The last millisecond of year 9999, the latest moment a <see cref="DateTimeOffset"/> holds.</summary>
    public const long MaxMilliseconds = 253_402_300_799_999;

    /// <summary>The moment, or a validation error on <paramref name="field"/> when it is before 1970 or after 9999.</summary>
    public static DateTimeOffset FromMilliseconds(long milliseconds, string field) =>
        milliseconds is >= 0 and <= MaxMilliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : throw CarmenException.Invalid(field, $"{field} is a Unix time in milliseconds from 0 to {MaxMilliseconds} (the end of year 9999).");
}
