using System.Globalization;

namespace Carmen.Grains.Interfaces.Support;

/// <summary>Keys of ticket grains: "{tenantId}/{ticketId}".</summary>
public static class TicketKeys
{
    /// <summary>The key of ticket <paramref name="ticketId"/> of the tenant.</summary>
    public static string Of(string tenantId, long ticketId) => TenantScopedKey.Compose(tenantId, ticketId.ToString(CultureInfo.InvariantCulture));
}
