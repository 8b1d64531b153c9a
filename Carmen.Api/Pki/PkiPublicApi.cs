using System.Security.Cryptography;
using Carmen.Api.Audit;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Pki;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Pki;

/// <summary>
/// What relying parties outside Carmen fetch without an account, as any public CA publishes it: a tenant's CA chain and
/// its certificate revocation list (DER as <c>application/pkix-crl</c>, RFC 5280 section 4.2.1.13, or PEM).
/// </summary>
public static class PkiPublicApi
{
    private const int MaxOcspRequestBytes = 16 * 1024;

    public static WebApplication MapPkiPublicApi(this WebApplication app)
    {
        RouteGroupBuilder pki = app.MapGroup("/pki/{tenantId}").AllowAnonymous().WithTags("PKI")
            .WithMetadata(new NotAudited("Public reads of a CA's published documents."));
        pki.MapGet("/crl", CrlAsync).WithSummary("The tenant CA's certificate revocation list, DER.");
        pki.MapGet("/crl.pem", CrlPemAsync).WithSummary("The tenant CA's certificate revocation list, PEM.");
        pki.MapPost("/ocsp", OcspPostAsync).WithSummary("OCSP (RFC 6960): a DER request in the body (application/ocsp-request).");
        pki.MapGet("/ocsp/{**request}", OcspGetAsync).WithSummary("OCSP (RFC 6960 appendix A.1): the DER request, base64 and URL-encoded, in the path.");
        pki.MapGet("/ca.pem", ChainAsync).WithSummary("The tenant CA's certificate and the platform root, PEM.");
        return app;
    }

    public static async Task<FileContentHttpResult> CrlAsync(string tenantId, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.File(await ReadCrlAsync(tenantId, grains, cancellationToken), "application/pkix-crl", $"{tenantId}.crl");

    public static async Task<ContentHttpResult> CrlPemAsync(string tenantId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        byte[] crl = await ReadCrlAsync(tenantId, grains, cancellationToken);
        return TypedResults.Text(PemEncoding.WriteString("X509 CRL", crl) + "\n", "application/x-pem-file");
    }

    public static async Task<ContentHttpResult> ChainAsync(string tenantId, IGrainFactory grains, CancellationToken cancellationToken) =>
        TypedResults.Text((await FindAsync(tenantId, grains, cancellationToken)).ChainPem, "application/x-pem-file");

    public static async Task<FileContentHttpResult> OcspPostAsync(string tenantId, HttpRequest request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        return await OcspAsync(tenantId, body.ToArray(), grains, cancellationToken);
    }

    public static async Task<FileContentHttpResult> OcspGetAsync(string tenantId, string request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        byte[] der;
        try
        {
            der = Convert.FromBase64String(Uri.UnescapeDataString(request));
        }
        catch (FormatException)
        {
            der = [];
        }

        return await OcspAsync(tenantId, der, grains, cancellationToken);
    }

    /// <summary>An OCSP answer; a request too large to be one gets "malformedRequest" like any other that is not one.</summary>
    private static async Task<FileContentHttpResult> OcspAsync(string tenantId, byte[] request, IGrainFactory grains, CancellationToken cancellationToken)
    {
        await FindAsync(tenantId, grains, cancellationToken);
        byte[] response = await grains.GetGrain<ITenantCaGrain>(tenantId).AnswerOcspAsync(request.Length <= MaxOcspRequestBytes ? request : [], cancellationToken);
        return TypedResults.File(response, "application/ocsp-response");
    }

    private static async Task<byte[]> ReadCrlAsync(string tenantId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        await FindAsync(tenantId, grains, cancellationToken);
        return await grains.GetGrain<ITenantCaGrain>(tenantId).GetCrlAsync(cancellationToken);
    }

    private static async Task<CaInfo> FindAsync(string tenantId, IGrainFactory grains, CancellationToken cancellationToken) =>
        (Identifiers.IsValidSlug(tenantId) ? await grains.GetGrain<ITenantCaGrain>(tenantId).GetAsync(cancellationToken) : null)
            ?? throw CarmenException.NotFound($"No device CA is published for tenant '{tenantId}'.");
}
