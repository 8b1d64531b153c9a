using MimeKit;

namespace Carmen.Grains.Licenses;

/// <summary>The mail that tells a tenant's administrators a license reached a warning stage.</summary>
internal static class LicenseMessages
{
    public static MimeMessage Warning(string from, IEnumerable<string> to, string tenantName, string subject, string stage, string detail)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        foreach (string address in to)
        {
            message.To.Add(MailboxAddress.Parse(address));
        }

        message.Subject = $"{tenantName}: {subject}";
        message.Headers.Add("X-Carmen-License-Warning", stage);
        message.Body = new TextPart("plain")
        {
            Text = $"""
                {detail}

                Devices in service keep working and no data is lost when a license expires. To renew, ask your
                platform administrator, or file a renewal request: POST /api/v1/tenants/{"{tenant}"}/license-renewal-requests.
                Current use against each entitlement: GET /api/v1/tenants/{"{tenant}"}/license-usage.
                """,
        };
        return message;
    }
}
