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
    public static WebApplication MapPkiPublicApi(this WebApplication app)
    {
        RouteGroupBuilder pki = app.MapGroup("/pki/{tenantId}").AllowAnonymous().WithTags("PKI")
            .WithMetadata(new NotAudited("Public reads of a CA's published documents."));
        pki.MapGet("/crl", CrlAsync).WithSummary("The tenant CA's certificate revocation list, DER.");
        pki.MapGet("/crl.pem", CrlPemAsync).WithSummary("The tenant CA's certificate revocation list, PEM.");
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

    private static async Task<byte[]> ReadCrlAsync(string tenantId, IGrainFactory grains, CancellationToken cancellationToken)
    {
        await FindAsync(tenantId, grains, cancellationToken);
        return await grains.GetGrain<ITenantCaGrain>(tenantId).GetCrlAsync(cancellationToken);
    }

    private static async Task<CaInfo> FindAsync(string tenantId, IGrainFactory grains, CancellationToken cancellationToken) =>
        (Identifiers.IsValidSlug(tenantId) ? await grains.GetGrain<ITenantCaGrain>(tenantId).GetAsync(cancellationToken) : null)
            ?? throw CarmenException.NotFound($"No device CA is published for tenant '{tenantId}'.");
}
