using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Carmen.Grains.Alerts;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.ApiKeys;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Connectivity;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.ApiKeys;

/// <summary>
/// One API key. Every request it signs asks this grain (its memory, never the store), so a revocation is in force on
/// the next request everywhere. Its last use is kept in memory and written at most once a minute, or when the address
/// changes: a busy key costs no write per request.
/// </summary>
[GrainType("api-key")]
public sealed partial class ApiKeyGrain(
    [PersistentState("api-key", StorageNames.Users)] IPersistentState<ApiKeyState> key,
    TimeProvider time,
    ILogger<ApiKeyGrain> logger) : Grain, IApiKeyGrain
{
    /// <summary>A key seen at this many new addresses within an hour raises the tenant's apiKeyManyAddresses event.</summary>
    public const int ManyAddressesPerHour = 10;

    private const int KeptAddresses = 100;
    private const int KeptErrors = 10;
    private static readonly TimeSpan s_usageWriteInterval = TimeSpan.FromMinutes(1);

    private DateTimeOffset _usageWritten;

    private string Id => this.GetPrimaryKeyString();

    public async Task<(ApiKeyInfo Key, string Secret)> CreateAsync(
        string tenantId, string principal, string name, DateTimeOffset? expiresAt, string createdBy, CancellationToken cancellationToken)
    {
        if (key.RecordExists)
        {
            throw CarmenException.Conflict($"API key {Id} exists.");
        }

        string secret = ApiKeyTokens.New(Id);
        key.State = new ApiKeyState
        {
            TenantId = tenantId, Principal = principal, Name = name, Hash = TokenHashes.Of(secret), CreatedAt = time.GetUtcNow(), CreatedBy = createdBy, ExpiresAt = expiresAt,
        };
        await key.WriteStateAsync(cancellationToken);
        LogCreated(Id, tenantId, principal, createdBy);
        return (ToInfo(), secret);
    }

    public async Task<ApiKeyInfo?> AuthenticateAsync(string presented, string? address, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (!key.RecordExists || key.State.RevokedAt is not null || key.State.ExpiresAt <= now
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(TokenHashes.Of(presented)), Encoding.ASCII.GetBytes(key.State.Hash)))
        {
            return null;
        }

        bool newAddress = address != key.State.LastUsedFrom;
        bool firstFromAddress = address is not null && key.State.Addresses.TryAdd(address, now);
        (key.State.LastUsedAt, key.State.LastUsedFrom) = (now, address);
        if (newAddress || now - _usageWritten >= s_usageWriteInterval)
        {
            _usageWritten = now;
            await key.WriteStateAsync(cancellationToken);
        }

        if (firstFromAddress)
        {
            await ReportNewAddressAsync(address!, now);
        }

        return ToInfo();
    }

    /// <summary>A security event for the tenant; and an alert event when the key has turned up at many addresses within the hour.</summary>
    private async Task ReportNewAddressAsync(string address, DateTimeOffset now)
    {
        foreach (string oldest in key.State.Addresses.OrderBy(seen => seen.Value).Take(key.State.Addresses.Count - KeptAddresses).Select(seen => seen.Key).ToList())
        {
            key.State.Addresses.Remove(oldest);
        }

        var actor = new AuditActor(AuditActorKinds.ServiceAccount, key.State.Principal, Id);
        await GrainFactory.GetGrain<IAuditTrailGrain>(key.State.TenantId).AppendAsync(new AuditEntry(
            AuditSources.Security, actor, SecurityEventTypes.ApiKeyNewAddress, "keys", Id, "tenant", 0,
            [new AuditChange("knownAddresses", null, key.State.Addresses.Count.ToString(CultureInfo.InvariantCulture))], null, address));
        int lastHour = key.State.Addresses.Values.Count(seen => now - seen < TimeSpan.FromHours(1));
        if (lastHour >= ManyAddressesPerHour && !(now - key.State.ManyAddressesReportedAt < TimeSpan.FromHours(1)))
        {
            key.State.ManyAddressesReportedAt = now;
            await key.WriteStateAsync();
            long at = now.ToUnixTimeMilliseconds();
            await GrainFactory.GetGrain<ITenantAlertsGrain>(key.State.TenantId).RaiseEventAsync(AlertCondition.ApiKeyManyAddresses, new Dictionary<string, TimestampedValue>
            {
                ["keyId"] = new(at, TelemetryValue.FromText(Id)),
                ["principal"] = new(at, TelemetryValue.FromText(key.State.Principal)),
                ["addressesLastHour"] = new(at, TelemetryValue.FromNumber(lastHour)),
            });
        }
    }

    public Task<ApiKeyInfo?> GetAsync(CancellationToken cancellationToken) => Task.FromResult(key.RecordExists ? ToInfo() : null);

    public async Task RecordErrorAsync(ApiKeyError failure, CancellationToken cancellationToken)
    {
        if (!key.RecordExists)
        {
            return;
        }

        key.State.RecentErrors.Insert(0, failure);
        if (key.State.RecentErrors.Count > KeptErrors)
        {
            key.State.RecentErrors.RemoveAt(KeptErrors);
        }

        DateTimeOffset now = time.GetUtcNow();
        if (now - _usageWritten >= s_usageWriteInterval)
        {
            _usageWritten = now;
            await key.WriteStateAsync(cancellationToken);
        }
    }

    public Task<IReadOnlyList<ApiKeyError>> GetErrorsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ApiKeyError>>(key.RecordExists ? [.. key.State.RecentErrors] : []);

    public async Task<ApiKeyInfo> RetireAsync(DateTimeOffset at, string replacedBy, CancellationToken cancellationToken)
    {
        if (!key.RecordExists)
        {
            throw CarmenException.NotFound($"API key {Id} does not exist.");
        }

        key.State.ExpiresAt = key.State.ExpiresAt is DateTimeOffset expires && expires < at ? expires : at;
        key.State.ReplacedBy = replacedBy;
        await key.WriteStateAsync(cancellationToken);
        return ToInfo();
    }

    public async Task<ApiKeyInfo> RevokeAsync(CancellationToken cancellationToken)
    {
        if (!key.RecordExists)
        {
            throw CarmenException.NotFound($"API key {Id} does not exist.");
        }

        key.State.RevokedAt ??= time.GetUtcNow();
        await key.WriteStateAsync(cancellationToken);
        LogRevoked(Id, key.State.TenantId);
        return ToInfo();
    }

    private ApiKeyInfo ToInfo() => new(
        Id, key.State.TenantId, key.State.Principal, key.State.Name, key.State.CreatedAt, key.State.CreatedBy, key.State.ExpiresAt,
        key.State.RevokedAt, key.State.LastUsedAt, key.State.LastUsedFrom, key.State.ReplacedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} of tenant {TenantId} made for {Principal} by {Actor}")]
    private partial void LogCreated(string keyId, string tenantId, string principal, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} of tenant {TenantId} revoked")]
    private partial void LogRevoked(string keyId, string tenantId);
}
