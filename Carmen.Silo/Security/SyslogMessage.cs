using System.Globalization;
using System.Text;
using Carmen.Grains.Audit;
using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Silo.Security;

/// <summary>
/// One security event as an RFC 5424 message: MSGID is the event type ("change" for a change made through the API),
/// the structured element carmen@32473 (RFC 5612's example enterprise number) names the chain, record, actor, address
/// and target, and MSG is the record's stored text, so a SIEM can check its hash too.
/// </summary>
public static class SyslogMessage
{
    public const string StructuredDataId = "carmen@32473";
    private const int Warning = 4;
    private const int Notice = 5;

    public static string Format(string chain, AuditStoreRow row, int facility, string hostname, int processId)
    {
        bool refusal = row.Source == AuditSources.Security && !row.Action.EndsWith(".succeeded", StringComparison.Ordinal)
            && row.Action is not (SecurityEventTypes.AddressUnblocked or SecurityEventTypes.ApiKeyNewAddress);
        int priority = facility * 8 + (refusal ? Warning : Notice);
        string messageId = row.Source == AuditSources.Security ? Printable(row.Action, 32) : "change";
        var message = new StringBuilder(256 + row.Body.Length);
        message.Append(CultureInfo.InvariantCulture, $"<{priority}>1 {row.At.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'} {Printable(hostname, 255)} carmen {processId} {messageId} ");
        message.Append('[').Append(StructuredDataId);
        Parameter(message, "chain", chain);
        Parameter(message, "id", row.Id.ToString(CultureInfo.InvariantCulture));
        Parameter(message, "type", row.Action);
        Parameter(message, "actor", row.Actor);
        Parameter(message, "address", row.Address ?? "");
        Parameter(message, "targetType", row.TargetType);
        Parameter(message, "targetId", row.TargetId);
        Parameter(message, "hash", row.Hash);
        message.Append("] \uFEFF").Append(row.Body);
        return message.ToString();
    }

    /// <summary>PARAM-VALUE escapes '"', '\' and ']' (RFC 5424, 6.3.3).</summary>
    private static void Parameter(StringBuilder message, string name, string value)
    {
        message.Append(' ').Append(name).Append("=\"");
        foreach (char c in value)
        {
            if (c is '"' or '\\' or ']')
            {
                message.Append('\\');
            }

            message.Append(c);
        }

        message.Append('"');
    }

    /// <summary>Header fields are printable US-ASCII without spaces, or "-".</summary>
    private static string Printable(string value, int maxLength)
    {
        string printable = new([.. value.Where(c => c is > ' ' and <= '~').Take(maxLength)]);
        return printable.Length == 0 ? "-" : printable;
    }
}
