namespace Carmen.Grains;

/// <summary>Moments that may never come (null), as timers and rules ask about them: "the next change", "the next opening".</summary>
internal static class Moments
{
    /// <summary>The earlier of two moments; one that never comes loses to any that does.</summary>
    public static DateTimeOffset? Earliest(DateTimeOffset? first, DateTimeOffset? second) =>
        first is null ? second : second is null || first <= second ? first : second;
}
