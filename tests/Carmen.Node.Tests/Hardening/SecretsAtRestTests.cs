using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Carmen.Testing.Node;
using Carmen.Grains.Interfaces.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Carmen.Node.Tests.Hardening;

/// <summary>
/// The token signing key, webhook secrets and SMTP passwords were readable from carmen.db (the signing key minted a
/// working platform administrator's token). Nothing in the data directory but the key encryption key may hold them
/// now, and a restarted node still reads them.
/// </summary>
public sealed class SecretsAtRestTests
{
    [Fact]
    public async Task NoSecretIsFoundInTheDataDirectoryAndARestartedNodeStillReadsThem()
    {
        string directory = Path.Combine(Path.GetTempPath(), "carmen-tests", Guid.NewGuid().ToString("N"));
        string webhookSecret = "whsec-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        string smtpPassword = "smtp-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        byte[] signingKey;
        string token;
        string tenant;
        await using (var first = new CarmenApiFactory { DataDirectory = directory, KeepsDataDirectory = true })
        {
            using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(first);
            token = admin.Http.DefaultRequestHeaders.Authorization!.Parameter!;
            tenant = await admin.CreateTenantAsync();
            await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/notification-channels",
                new { type = "webhook", name = "Signed", url = "https://hooks.example.com/carmen", secret = webhookSecret });
            await admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/settings/smtp",
                new { host = "mail.example.com", port = 587, security = "startTls", from = "carmen@example.com", username = "mailer", password = smtpPassword });
            SigningKeySet keys = await first.Services.GetRequiredService<IGrainFactory>().GetGrain<ISigningKeyGrain>(ISigningKeyGrain.Key).GetKeysAsync();
            signingKey = keys.Keys.Single(key => key.KeyId == keys.ActiveKeyId).Secret;
        }

        try
        {
            byte[][] needles = [Encoding.UTF8.GetBytes(webhookSecret), Encoding.UTF8.GetBytes(smtpPassword), signingKey, Encoding.UTF8.GetBytes(Convert.ToBase64String(signingKey))];
            foreach (string file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Where(file => !file.EndsWith("key-encryption.key", StringComparison.Ordinal)))
            {
                byte[] content = await File.ReadAllBytesAsync(file);
                foreach (byte[] needle in needles)
                {
                    content.AsSpan().IndexOf(needle).Should().Be(-1, $"{Path.GetRelativePath(directory, file)} must not hold a secret in the clear");
                }
            }

            foreach (string keyFile in Directory.EnumerateFiles(Path.Combine(directory, "keys")))
            {
                string xml = await File.ReadAllTextAsync(keyFile);
                xml.Should().Contain("encryptedSecret").And.NotContain("<masterKey", "a data-protection key is written with its secret encrypted");
            }

            await using var second = new CarmenApiFactory { DataDirectory = directory, KeepsDataDirectory = true };
            using HttpClient http = second.CreateClient();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            (await http.GetAsync(new Uri("/api/v1/tenants", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK,
                "the restarted node decrypts the signing key that signed the token");
            string smtp = await http.GetStringAsync(new Uri($"/api/v1/tenants/{tenant}/settings/smtp", UriKind.Relative));
            smtp.Should().Contain("mail.example.com").And.NotContain(smtpPassword);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
