using System.Text.RegularExpressions;

namespace Carmen.EdgeAgent.Rpc;

/// <summary>
/// The device owner's allow-list for <c>exec</c>: each name maps to a fixed argv whose <c>{0}</c>, <c>{1}</c>...
/// slots take the caller's arguments. An argument fills a slot only if it is plain (letters, digits and
/// <c>._:/=@+-</c>, not starting with '-'), so a caller can never add an option or reach a shell.
/// </summary>
public sealed partial class AllowedCommands(IReadOnlyDictionary<string, List<string>> commands)
{
    /// <summary>The argv to run, or why the call is refused.</summary>
    public (IReadOnlyList<string>? Argv, string? Refusal) Resolve(string name, IReadOnlyList<string> arguments)
    {
        if (!commands.TryGetValue(name, out List<string>? template) || template.Count == 0)
        {
            return (null, $"Command '{name}' is not in this device's allowedCommands.");
        }

        int slots = template.SelectMany(part => SlotPattern().Matches(part)).Select(slot => slot.Groups[1].Value[0] - '0' + 1).DefaultIfEmpty(0).Max();
        if (arguments.Count != slots)
        {
            return (null, $"Command '{name}' takes {slots} argument(s), not {arguments.Count}.");
        }

        if (arguments.FirstOrDefault(argument => !PlainArgument().IsMatch(argument)) is string bad)
        {
            return (null, $"Argument '{bad}' is refused: only letters, digits and ._:/=@+- are allowed, and it may not start with '-'.");
        }

        return ([.. template.Select(part => SlotPattern().Replace(part, slot => arguments[int.Parse(slot.Groups[1].ValueSpan, provider: null)]))], null);
    }

    [GeneratedRegex(@"\{(\d)\}")]
    private static partial Regex SlotPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._:/=@+][A-Za-z0-9._:/=@+-]{0,255}$")]
    private static partial Regex PlainArgument();
}
