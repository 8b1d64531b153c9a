namespace Carmen.Api.Errors;

/// <summary>The Retry-After header of a throttled answer (429): whole seconds, at least one.</summary>
public static class RetryAfter
{
    /// <summary>Sets the header to <paramref name="wait"/> and returns the seconds it says.</summary>
    public static int Set(HttpResponse response, TimeSpan wait)
    {
        int seconds = (int)Math.Ceiling(Math.Max(1, wait.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return seconds;
    }
}
