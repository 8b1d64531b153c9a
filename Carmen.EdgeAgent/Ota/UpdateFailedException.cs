namespace Carmen.EdgeAgent.Ota;

/// <summary>Why an update cannot go on; its message and details are what Carmen's operators read in the action's feedback.</summary>
public sealed class UpdateFailedException : Exception
{
    public UpdateFailedException(string message, IReadOnlyList<string>? details = null)
        : base(message) => Details = details ?? [];

    public IReadOnlyList<string> Details { get; }
}
