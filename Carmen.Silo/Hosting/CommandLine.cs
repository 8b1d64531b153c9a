namespace Carmen.Silo.Hosting;

/// <summary>The options of Carmen.Silo's commands (audit, backup, verify, restore, drill): <c>--name value</c>.</summary>
public static class CommandLine
{
    /// <summary>The value after <paramref name="name"/> in <paramref name="args"/>, if given.</summary>
    public static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is int at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
