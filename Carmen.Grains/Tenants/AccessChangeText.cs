using System.Text;
using Carmen.Grains.Interfaces.Access;

namespace Carmen.Grains.Tenants;

/// <summary>The words of an access-change mail: who did what, where, when and from where, one line per change.</summary>
internal static class AccessChangeText
{
    public static string For(string tenantName, string username, IReadOnlyList<AccessChange> changes)
    {
        var text = new StringBuilder($"Hello {username},\n\nyour access in {tenantName} changed:\n\n");
        foreach (AccessChange change in changes)
        {
            string where = change.Scope is null ? "" : $" at {change.Scope.Describe()}";
            string what = change.Kind switch
            {
                AccessChangeKind.Granted => $"{change.By} gave you the role {change.RoleId}{where}",
                AccessChangeKind.Removed => $"{change.By} took the role {change.RoleId}{where} from you",
                _ => $"{change.By} made your tenant-wide role {change.RoleId}",
            };
            string from = change.Address is null ? "" : $", from {change.Address}";
            string detail = change.Detail is null ? "" : $" ({change.Detail})";
            text.Append(CultureInvariant($"- {what}{detail}, {change.At:yyyy-MM-dd HH:mm} UTC{from}.\n"));
        }

        text.Append("\nIf this is not what you expected, tell your administrator.\n");
        return text.ToString();
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
