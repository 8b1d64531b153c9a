using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Carmen.EdgeAgent.Configuration;

namespace Carmen.EdgeAgent.Connection;

/// <summary>The agent's HTTP client to Carmen (artifact downloads), trusting the same CA and presenting the same certificate as its MQTT connection.</summary>
public static class AgentHttp
{
    public static HttpClient Create(AgentOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1), // the agent downloads rarely; no idle socket kept for long
        };
        if (options.Server.CaFile is string caFile)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(caFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || (certificate is X509Certificate2 server && IsIssuedBy(server, authorities, errors));
        }

        if (options.ClientCertificate is string certificate && options.ClientKey is string key)
        {
            handler.SslOptions.ClientCertificates = new X509Certificate2Collection(X509Certificate2.CreateFromPemFile(certificate, key));
        }

        // Artifacts can be large and links slow: no overall timeout; the downloader gives up on a stalled read instead.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Whether the only fault is an untrusted root, and the configured CA is that root.</summary>
    private static bool IsIssuedBy(X509Certificate2 server, X509Certificate2Collection authorities, SslPolicyErrors errors)
    {
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }
}
