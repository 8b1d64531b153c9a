using System.Security.Cryptography;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.TwoFactor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OtpNet;

namespace Carmen.Grains.TwoFactor;

/// <summary>
/// TOTP per RFC 6238 with the parameters every authenticator app supports (SHA-1, 6 digits, 30 s), accepting one step
/// of clock drift either way. A code is accepted once (its step is remembered); five wrong codes pause the account's
/// second factor for five minutes. Recovery codes are single-use and stored as hashes.
/// </summary>
[GrainType("second-factor")]
public sealed partial class SecondFactorGrain(
    [PersistentState("second-factor", StorageNames.Secrets)] IPersistentState<SecondFactorState> factor,
    [FromKeyedServices(SecondFactorGrain.ClockKey)] TimeProvider clock,
    ILogger<SecondFactorGrain> logger) : Grain, ISecondFactorGrain
{
    /// <summary>The clock codes are checked against; tests put one they control under this key.</summary>
    public const string ClockKey = "totp";

    private const int RecoveryCodes = 10;
    private const int MaxFailures = 5;
    private const string RecoveryAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    private static readonly TimeSpan s_pause = TimeSpan.FromMinutes(5);
    private static readonly VerificationWindow s_drift = new(previous: 1, future: 1);

    private readonly Queue<DateTimeOffset> _failures = new();

    private string UserKey => this.GetPrimaryKeyString();

    public async Task<TotpEnrollment> BeginEnrollmentAsync(string issuer, string accountName, CancellationToken cancellationToken)
    {
        factor.State.OfferedSecret = KeyGeneration.GenerateRandomKey(20);
        await factor.WriteStateAsync(cancellationToken);
        string secret = Base32Encoding.ToString(factor.State.OfferedSecret).TrimEnd('=');
        string label = Uri.EscapeDataString($"{issuer}:{accountName}");
        return new TotpEnrollment(secret, $"otpauth://totp/{label}?secret={secret}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits=6&period=30");
    }

    public async Task<IReadOnlyList<string>> ConfirmEnrollmentAsync(string code, CancellationToken cancellationToken)
    {
        byte[] offered = factor.State.OfferedSecret ?? throw CarmenException.Conflict("No enrolment is under way: start one with POST /api/v1/auth/totp/enroll.");
        if (IsPaused() || !Matches(offered, code, out long step))
        {
            Failed();
            throw CarmenException.Invalid("code", "The code does not match: type the current 6-digit code from the authenticator app.");
        }

        string[] codes = [.. Enumerable.Range(0, RecoveryCodes).Select(_ => NewRecoveryCode())];
        factor.State.Secret = offered;
        factor.State.OfferedSecret = null;
        factor.State.EnrolledAt = clock.GetUtcNow();
        factor.State.LastStep = step;
        factor.State.RecoveryCodeHashes = [.. codes.Select(HashOf)];
        await factor.WriteStateAsync(cancellationToken);
        LogEnrolled(UserKey);
        return codes;
    }

    public async Task<SecondFactorOutcome> VerifyAsync(string? code, string? recoveryCode, CancellationToken cancellationToken)
    {
        if (factor.State.Secret is not byte[] secret)
        {
            return SecondFactorOutcome.NotEnrolled;
        }

        if (IsPaused())
        {
            return SecondFactorOutcome.Paused;
        }

        if (recoveryCode is not null && factor.State.RecoveryCodeHashes.Remove(HashOf(recoveryCode)))
        {
            await factor.WriteStateAsync(cancellationToken);
            LogRecoveryCodeUsed(UserKey, factor.State.RecoveryCodeHashes.Count);
            return SecondFactorOutcome.Succeeded;
        }

        if (code is not null && Matches(secret, code, out long step) && step > factor.State.LastStep)
        {
            factor.State.LastStep = step;
            await factor.WriteStateAsync(cancellationToken);
            return SecondFactorOutcome.Succeeded;
        }

        Failed();
        return SecondFactorOutcome.Invalid;
    }

    public Task<SecondFactorStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new SecondFactorStatus(factor.State.Secret is not null, factor.State.EnrolledAt, factor.State.RecoveryCodeHashes.Count));

    public async Task RemoveAsync(CancellationToken cancellationToken)
    {
        await factor.ClearStateAsync(cancellationToken);
        factor.State = new SecondFactorState();
        LogRemoved(UserKey);
    }

    private bool Matches(byte[] secret, string code, out long step)
    {
        step = 0;
        string digits = code.Trim().Replace(" ", "", StringComparison.Ordinal);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit)
            && new Totp(secret, step: 30, mode: OtpHashMode.Sha1, totpSize: 6).VerifyTotp(clock.GetUtcNow().UtcDateTime, digits, out step, s_drift);
    }

    private bool IsPaused()
    {
        DateTimeOffset now = clock.GetUtcNow();
        while (_failures.Count > 0 && now - _failures.Peek() > s_pause)
        {
            _failures.Dequeue();
        }

        return _failures.Count >= MaxFailures;
    }

    private void Failed() => _failures.Enqueue(clock.GetUtcNow());

    /// <summary>Ten characters from an alphabet without look-alikes (about 49 bits), shown as two groups of five.</summary>
    private static string NewRecoveryCode()
    {
        string code = RandomNumberGenerator.GetString(RecoveryAlphabet, 10);
        return $"{code[..5]}-{code[5..]}";
    }

    private static string HashOf(string recoveryCode) =>
        TokenHashes.Of(recoveryCode.Trim().Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant());

    [LoggerMessage(Level = LogLevel.Information, Message = "Second factor enrolled for {UserKey}")]
    private partial void LogEnrolled(string userKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovery code used for {UserKey}; {Left} left")]
    private partial void LogRecoveryCodeUsed(string userKey, int left);

    [LoggerMessage(Level = LogLevel.Information, Message = "Second factor removed for {UserKey}")]
    private partial void LogRemoved(string userKey);
}
