namespace Carmen.Grains;

/// <summary>
/// One reminder kept while a grain has durable work pending (deliveries, escalations) and removed once it has none:
/// the reminder brings the grain back after a restart, whatever the amount of work.
/// </summary>
internal static class GrainReminders
{
    /// <summary>Registers or unregisters <paramref name="name"/> when <paramref name="needed"/> differs from <paramref name="registered"/>; returns whether it is registered now.</summary>
    public static async Task<bool> KeepAsync(this Grain grain, string name, bool needed, bool registered, CancellationToken cancellationToken)
    {
        if (needed == registered)
        {
            return registered;
        }

        if (needed)
        {
            await grain.RegisterOrUpdateReminder(name, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), cancellationToken);
        }
        else if (await grain.GetReminder(name, cancellationToken) is IGrainReminder reminder)
        {
            await grain.UnregisterReminder(reminder, cancellationToken);
        }

        return needed;
    }
}
