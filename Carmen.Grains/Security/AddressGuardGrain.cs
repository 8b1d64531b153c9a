using System.Globalization;
using Carmen.Grains.Alerts;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Platform;
using Carmen.Grains.Interfaces.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.Grains.Security;

/// <summary>
/// Credential stuffing detection for one address: failures are kept for the window with the account they tried; when
/// they span <see cref="SecurityDetectionOptions.CredentialStuffingAccounts"/> accounts, the address is blocked for
/// <see cref="SecurityDetectionOptions.BlockDuration"/>, a platform alert is raised (cleared when the block ends), each
/// tenant whose accounts were tried gets a <c>credentialStuffing</c> alert event, and both are security events. Kept in
/// memory (the activation stays while blocked): a block is short-lived by design.
/// </summary>
[GrainType("address-guard")]
public sealed partial class AddressGuardGrain(
    IOptions<SecurityDetectionOptions> options,
    [FromKeyedServices(AddressGuardGrain.ClockKey)] TimeProvider time,
    ILogger<AddressGuardGrain> logger) : Grain, IAddressGuardGrain
{
    /// <summary>The key of the clock blocks run on (the system clock, unless a test moves it).</summary>
    public const string ClockKey = "security";

    private const int KeptFailures = 1000;

    private readonly Queue<(DateTimeOffset At, string Account, string? TenantId)> _failures = new();
    private DateTimeOffset? _blockedUntil;
    private IGrainTimer? _unblock;

    private string Address => this.GetPrimaryKeyString();

    public async Task<DateTimeOffset?> BlockedUntilAsync(CancellationToken cancellationToken)
    {
        await UnblockIfDueAsync();
        return _blockedUntil;
    }

    public async Task<DateTimeOffset?> RecordFailureAsync(string account, string? tenantId, CancellationToken cancellationToken)
    {
        await UnblockIfDueAsync();
        DateTimeOffset now = time.GetUtcNow();
        SecurityDetectionOptions rules = options.Value;
        _failures.Enqueue((now, account, tenantId));
        while (_failures.Count > KeptFailures || _failures.TryPeek(out var oldest) && now - oldest.At > rules.CredentialStuffingWindow)
        {
            _failures.Dequeue();
        }

        var accounts = _failures.Select(failure => (failure.TenantId, failure.Account)).Distinct().ToList();
        if (_blockedUntil is not null || accounts.Count < rules.CredentialStuffingAccounts)
        {
            return null;
        }

        _blockedUntil = now + rules.BlockDuration;
        this.DelayDeactivation(rules.BlockDuration + TimeSpan.FromMinutes(1));
        _unblock = this.RegisterGrainTimer(static (grain, _) => grain.UnblockIfDueAsync(), this,
            new GrainTimerCreationOptions(rules.BlockDuration, TimeSpan.FromMinutes(1)) { KeepAlive = true });
        string[] tenants = [.. accounts.Select(tried => tried.TenantId).OfType<string>().Distinct()];
        LogBlocked(Address, accounts.Count, _blockedUntil.Value);
        string summary = $"{Address} failed to sign in to {accounts.Count} accounts within {rules.CredentialStuffingWindow.TotalMinutes:0} minutes; blocked until {_blockedUntil:u}.";
        await Task.WhenAll(
            RecordAsync(SecurityEventTypes.AddressBlocked, ("accounts", accounts.Count.ToString(CultureInfo.InvariantCulture)), ("until", _blockedUntil.Value.ToString("O", CultureInfo.InvariantCulture)), ("tenants", string.Join(',', tenants))),
            GrainFactory.GetGrain<IPlatformHealthGrain>(0).ObserveAsync([new HealthObservation(PlatformHealthCheck.CredentialStuffing, Address, true, summary)], cancellationToken),
            Task.WhenAll(tenants.Select(tenant => RaiseTenantEventAsync(tenant, accounts.Count(tried => tried.TenantId == tenant), now))));
        return _blockedUntil;
    }

    private async Task UnblockIfDueAsync()
    {
        if (_blockedUntil is not DateTimeOffset until || until > time.GetUtcNow())
        {
            return;
        }

        _blockedUntil = null;
        _failures.Clear();
        _unblock?.Dispose();
        _unblock = null;
        LogUnblocked(Address);
        await Task.WhenAll(
            RecordAsync(SecurityEventTypes.AddressUnblocked),
            GrainFactory.GetGrain<IPlatformHealthGrain>(0).ObserveAsync([new HealthObservation(PlatformHealthCheck.CredentialStuffing, Address, false, "block ended")]));
    }

    private Task<long> RecordAsync(string type, params (string Name, string Value)[] details) =>
        GrainFactory.GetGrain<IAuditTrailGrain>(AuditChains.Platform).AppendAsync(new AuditEntry(
            AuditSources.Security, AuditActor.System, type, "addresses", Address, "platform", 0,
            [.. details.Select(detail => new AuditChange(detail.Name, null, System.Text.Json.JsonSerializer.Serialize(detail.Value)))], null, Address));

    private Task<IReadOnlyList<string>> RaiseTenantEventAsync(string tenantId, int accounts, DateTimeOffset now)
    {
        long at = now.ToUnixTimeMilliseconds();
        return GrainFactory.GetGrain<ITenantAlertsGrain>(tenantId).RaiseEventAsync(AlertCondition.CredentialStuffing, new Dictionary<string, TimestampedValue>
        {
            ["address"] = new(at, TelemetryValue.FromText(Address)),
            ["accountsOfTenant"] = new(at, TelemetryValue.FromNumber(accounts)),
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Address {Address} blocked for credential stuffing: failed on {Accounts} accounts; until {Until}")]
    private partial void LogBlocked(string address, int accounts, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Information, Message = "Address {Address} unblocked")]
    private partial void LogUnblocked(string address);
}
