using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Grains.Licenses;

/// <summary>What makes license terms valid, checked when a license is issued and again when one is imported.</summary>
public static class LicenseRules
{
    private const int MaxPlanLength = 200;
    private const int MaxGraceDays = 365;
    private const int MaxOveragePercent = 100;

    /// <summary>A meter's largest monthly limit: a quadrillion, so sums of many licenses with overage stay far from overflow.</summary>
    private const long MaxMeter = 1_000_000_000_000_000;

    public static LicenseTerms Validate(LicenseTerms terms)
    {
        Identifiers.RequireSlug(terms.TenantId, "tenantId");
        if (string.IsNullOrWhiteSpace(terms.Id) || terms.Id.Length > 64 || terms.Id.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
        {
            throw CarmenException.Invalid("id", "A license id is 1 to 64 letters, digits and dashes.");
        }

        if (string.IsNullOrWhiteSpace(terms.Plan) || terms.Plan.Length > MaxPlanLength)
        {
            throw CarmenException.Invalid("plan", $"Name the plan (up to {MaxPlanLength} characters).");
        }

        LicenseEntitlements granted = terms.Entitlements ?? throw CarmenException.Invalid("entitlements", "Say what the license grants.");
        if (granted.Devices < 0 || granted.Users < 0)
        {
            throw CarmenException.Invalid(granted.Devices < 0 ? "entitlements.devices" : "entitlements.users", "Counts cannot be negative.");
        }

        if ((granted.Features ?? []).FirstOrDefault(feature => !LicenseFeatures.All.Contains(feature)) is string unknown)
        {
            throw CarmenException.Invalid("entitlements.features", $"Unknown feature '{unknown}'; features are {string.Join(", ", LicenseFeatures.All)}.");
        }

        if ((granted.Meters ?? new Dictionary<string, long>()).FirstOrDefault(meter => meter.Value is < 0 or > MaxMeter || string.IsNullOrWhiteSpace(meter.Key)) is { Key: not null } bad)
        {
            throw CarmenException.Invalid("entitlements.meters", $"Meter '{bad.Key}' needs a name and a limit from 0 to {MaxMeter}.");
        }

        if (terms.Renews is not null && terms.Renews == terms.Id)
        {
            throw CarmenException.Invalid("renews", "A license cannot renew itself.");
        }

        if (terms.ValidUntil <= terms.ValidFrom)
        {
            throw CarmenException.Invalid("validUntil", "validUntil comes after validFrom.");
        }

        if (terms.GraceDays is < 0 or > MaxGraceDays)
        {
            throw CarmenException.Invalid("graceDays", $"graceDays is 0 to {MaxGraceDays}.");
        }

        if (terms.OveragePercent is < 0 or > MaxOveragePercent)
        {
            throw CarmenException.Invalid("overagePercent", $"overagePercent is 0 (none) to {MaxOveragePercent} (twice the count).");
        }

        if (!Enum.IsDefined(terms.ExpirationStrategy))
        {
            throw CarmenException.Invalid("expirationStrategy", "The expiration strategy is restrict or maintain.");
        }

        return terms with
        {
            Plan = terms.Plan.Trim(),
            Entitlements = granted with { Features = [.. (granted.Features ?? []).Distinct(StringComparer.Ordinal)], Meters = granted.Meters ?? new Dictionary<string, long>() },
        };
    }
}
