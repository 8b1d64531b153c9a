using System.Diagnostics;

namespace Carmen.Testing;

/// <summary>
/// Waits for an effect that lands asynchronously (a grain's write, a message through a broker, a timer): reads again
/// every 100 ms until the condition holds or patience, 10 s unless given, runs out. Tests assert on what it returns,
/// so a failure shows what was there instead of timing out silently.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(100);

    /// <summary>The last value read: the first that meets the condition, or the one read when patience ran out.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan? patience = null)
    {
        var waited = Stopwatch.StartNew();
        T value = await read();
        while (!condition(value) && waited.Elapsed < (patience ?? Patience))
        {
            await Task.Delay(s_interval);
            value = await read();
        }

        return value;
    }

    /// <summary>Whether the condition came to hold within patience.</summary>
    public static Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan? patience = null) => ReadAsync(condition, held => held, patience);

    /// <summary>Whether the condition came to hold within patience.</summary>
    public static Task<bool> HoldsAsync(Func<bool> condition, TimeSpan? patience = null) => ReadAsync(() => Task.FromResult(condition()), held => held, patience);
}
