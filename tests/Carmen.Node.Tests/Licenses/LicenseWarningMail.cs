using Carmen.Testing;

namespace Carmen.Node.Tests.Licenses;

/// <summary>License warnings as the tenant's administrators receive them.</summary>
internal static class LicenseWarningMail
{
    /// <summary>The next license warning mail (other mail, such as about an account's access, is passed over) and its stage.</summary>
    public static async Task<(ReceivedMail Mail, string Stage)> NextAsync(SmtpReceiver smtp, int seconds)
    {
        while (true)
        {
            ReceivedMail mail = await smtp.NextAsync(seconds);
            if (mail.Data.Split('\n').FirstOrDefault(line => line.StartsWith("X-Carmen-License-Warning:", StringComparison.Ordinal)) is string header)
            {
                return (mail, header.Split(": ", 2)[1].Trim());
            }
        }
    }
}
