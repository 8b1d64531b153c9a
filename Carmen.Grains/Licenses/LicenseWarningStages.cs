using System.Globalization;
using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Grains.Licenses;

/// <summary>
/// Which warning stage of a license is due at a moment: <c>60d</c>, <c>30d</c>... before expiry, <c>expired</c> at
/// expiry, <c>graceEnded</c> when its grace is over. Stages already announced are not due again; when several fall due
/// together (a check after a pause), only the latest is announced and the earlier ones count as passed.
/// </summary>
public static class LicenseWarningStages
{
    public const string Expired = "expired";
    public const string GraceEnded = "graceEnded";

    /// <summary>The stages due at <paramref name="now"/> and not yet announced, latest last.</summary>
    public static IReadOnlyList<string> Due(LicenseTerms terms, IReadOnlyCollection<int> warningDays, DateTimeOffset now, IReadOnlySet<string> announced)
    {
        var due = new List<string>();
        foreach (int days in warningDays.Where(days => days > 0).Distinct().OrderDescending())
        {
            if (now >= terms.ValidUntil.AddDays(-days) && now < terms.ValidUntil)
            {
                due.Add(DaysStage(days));
            }
        }

        if (now >= terms.ValidUntil)
        {
            due.Add(Expired);
        }

        if (terms.GraceDays > 0 && now >= terms.GraceUntil)
        {
            due.Add(GraceEnded);
        }

        return [.. due.Where(stage => !announced.Contains(stage))];
    }

    /// <summary>Whether the license is inside its warning window (or past it): what the platform alert shows.</summary>
    public static bool Warning(LicenseTerms terms, IReadOnlyCollection<int> warningDays, DateTimeOffset now) =>
        warningDays.Count > 0 && now >= terms.ValidUntil.AddDays(-warningDays.Max());

    public static string DaysStage(int days) => days.ToString(CultureInfo.InvariantCulture) + "d";

    /// <summary>Where the license stands, in words, for the platform alert.</summary>
    public static string Summary(LicenseTerms terms, DateTimeOffset now) =>
        now >= terms.GraceUntil && terms.GraceDays > 0 ? Describe(GraceEnded, terms)
        : now >= terms.ValidUntil ? Describe(Expired, terms)
        : $"expires on {terms.ValidUntil:u}, in {Math.Ceiling((terms.ValidUntil - now).TotalDays):0} day(s)";

    /// <summary>The stage in words, for mail and alerts.</summary>
    public static string Describe(string stage, LicenseTerms terms) => stage switch
    {
        Expired => terms.GraceDays > 0
            ? $"expired on {terms.ValidUntil:u}; its grace period ends on {terms.GraceUntil:u}"
            : $"expired on {terms.ValidUntil:u}",
        GraceEnded => terms.ExpirationStrategy == ExpirationStrategy.Restrict
            ? $"is past its grace period since {terms.GraceUntil:u}: nothing new is admitted under it (devices in service keep working)"
            : $"is past its grace period since {terms.GraceUntil:u}; it keeps granting (maintain)",
        _ => $"expires on {terms.ValidUntil:u}, in {stage.TrimEnd('d')} day(s) or less",
    };
}
