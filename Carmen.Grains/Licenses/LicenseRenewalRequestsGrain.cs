using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Grains.Licenses;

/// <summary>Renewal requests across tenants; the oldest resolved ones are pruned past <see cref="MaxKept"/>.</summary>
[GrainType("license-renewal-requests")]
public sealed class LicenseRenewalRequestsGrain(
    [PersistentState("license-renewal-requests", StorageNames.Tenants)] IPersistentState<LicenseRenewalRequestsState> requests,
    TimeProvider time) : Grain, ILicenseRenewalRequestsGrain
{
    private const int MaxKept = 2000;
    private const int MaxNoteLength = 2000;

    private List<LicenseRenewalRequest> Requests => requests.State.Requests;

    public async Task<LicenseRenewalRequest> FileAsync(string tenantId, string? licenseId, string note, string requestedBy, CancellationToken cancellationToken)
    {
        if (note.Length > MaxNoteLength)
        {
            throw CarmenException.Invalid("note", $"A note is up to {MaxNoteLength} characters.");
        }

        if (Requests.FirstOrDefault(request => request.TenantId == tenantId && request.LicenseId == licenseId && request.Status == RenewalRequestStatus.Open) is { } open)
        {
            return open;
        }

        var filed = new LicenseRenewalRequest(++requests.State.LastId, tenantId, licenseId, note.Trim(), requestedBy, time.GetUtcNow(), RenewalRequestStatus.Open);
        Requests.Add(filed);
        while (Requests.Count > MaxKept && Requests.FindIndex(request => request.Status != RenewalRequestStatus.Open) is int resolved and >= 0)
        {
            Requests.RemoveAt(resolved);
        }

        await requests.WriteStateAsync(cancellationToken);
        return filed;
    }

    public Task<IReadOnlyList<LicenseRenewalRequest>> ListAsync(string? tenantId, RenewalRequestStatus? status, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LicenseRenewalRequest>>(
            [.. Requests.Where(request => (tenantId is null || request.TenantId == tenantId) && (status is null || request.Status == status)).Reverse()]);

    public async Task FulfillAsync(string tenantId, string licenseId, string renewalId, CancellationToken cancellationToken)
    {
        bool changed = false;
        for (int i = 0; i < Requests.Count; i++)
        {
            if (Requests[i] is { Status: RenewalRequestStatus.Open } request && request.TenantId == tenantId && request.LicenseId == licenseId)
            {
                Requests[i] = request with { Status = RenewalRequestStatus.Fulfilled, Resolution = renewalId, ResolvedAt = time.GetUtcNow() };
                changed = true;
            }
        }

        if (changed)
        {
            await requests.WriteStateAsync(cancellationToken);
        }
    }

    public async Task<LicenseRenewalRequest> DeclineAsync(long requestId, string reason, CancellationToken cancellationToken)
    {
        int index = Requests.FindIndex(request => request.Id == requestId);
        if (index < 0)
        {
            throw CarmenException.NotFound($"No renewal request {requestId}.");
        }

        if (Requests[index].Status != RenewalRequestStatus.Open)
        {
            throw CarmenException.Conflict($"Renewal request {requestId} is {Requests[index].Status.ToString().ToLowerInvariant()} already.");
        }

        Requests[index] = Requests[index] with
        {
            Status = RenewalRequestStatus.Declined,
            Resolution = string.IsNullOrWhiteSpace(reason) ? throw CarmenException.Invalid("reason", "Say why the request is declined.") : reason.Trim(),
            ResolvedAt = time.GetUtcNow(),
        };
        await requests.WriteStateAsync(cancellationToken);
        return Requests[index];
    }
}
