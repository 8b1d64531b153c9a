using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Carmen.Silo.Hosting;

/// <summary>
/// Carmen's own HTTPS: its server certificate, and a request for the client's certificate that every handshake
/// passes, with one or without. Which tenant's CA must have signed a device certificate is known only from the
/// certificate itself, so the device's grain decides at the request (DDI's certificate sign-in), as MQTT's does at CONNECT.
/// </summary>
internal static class HttpsListener
{
    public static void Configure(HttpsConnectionAdapterOptions https, string certificatePath, string? password)
    {
        https.ServerCertificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password);
        https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
        https.ClientCertificateValidation = (_, _, _) => true; // decided per request from Carmen's records, not from a trust store
    }
}
