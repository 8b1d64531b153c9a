using System.Globalization;
using System.Text;
using Carmen.Api.Contracts;

namespace Carmen.Api.Licenses;

/// <summary>
/// The usage report as one CSV table (RFC 4180): a row per entitlement, per meter, per business unit and per idle device, the
/// kind in the first column, so that a spreadsheet filters it.
/// </summary>
public static class LicenseUsageCsv
{
    public static byte[] Write(LicenseUsageReportResponse report)
    {
        var csv = new StringBuilder("kind,subject,entitled,allowance,used,unused,clusterId,lastSeenAt,note\r\n");
        LicenseUsageResponse usage = report.Usage;
        Row(csv, "entitlement", "devices", usage.Devices.Entitled, usage.Devices.Allowance, usage.Devices.Used, report.UnusedDeviceSeats, null, null, usage.Licensed ? null : "not licensed");
        Row(csv, "entitlement", "users", usage.Users.Entitled, usage.Users.Allowance, usage.Users.Used, report.UnusedUserSeats, null, null, usage.Licensed ? null : "not licensed");
        foreach ((string meter, LicenseMeterContract monthly) in usage.Meters)
        {
            Row(csv, "meter", meter, monthly.Entitled, monthly.Allowance, monthly.Used, monthly.Used is long used ? Math.Max(0, monthly.Entitled - used) : null, null, null,
                monthly.Month is null ? "not counted" : $"{monthly.Month}{(monthly.ExhaustedAt is null ? "" : ", used up")}");
        }

        foreach (UnitUsageReportResponse unit in report.BusinessUnits)
        {
            Row(csv, "businessUnitDevices", unit.BusinessUnitId, unit.Allocation?.Devices, null, unit.DevicesInService, Unused(unit.Allocation?.Devices, unit.DevicesInService), null, null, unit.ShareFarAboveUse ? "share far above use" : null);
            Row(csv, "businessUnitUsers", unit.BusinessUnitId, unit.Allocation?.Users, null, unit.Users, Unused(unit.Allocation?.Users, unit.Users), null, null, null);
        }

        foreach (IdleDeviceResponse device in report.NeverSeen.Devices)
        {
            Row(csv, "neverSeen", device.DeviceId, null, null, null, null, device.ClusterId, null, $"registered {Time(device.CreatedAt)}");
        }

        foreach (IdleDeviceResponse device in report.Silent.Devices)
        {
            Row(csv, "silent", device.DeviceId, null, null, null, null, device.ClusterId, device.LastSeenAt, $"silent for {report.SilentDays} days or more");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static int? Unused(int? share, int used) => share is int allocated ? Math.Max(0, allocated - used) : null;

    private static void Row(StringBuilder csv, string kind, string subject, long? entitled, long? allowance, long? used, long? unused, string? clusterId, DateTimeOffset? lastSeenAt, string? note) =>
        csv.Append(string.Join(',', kind, Field(subject), Number(entitled), Number(allowance), Number(used), Number(unused), Field(clusterId), lastSeenAt is null ? "" : Time(lastSeenAt.Value), Field(note))).Append("\r\n");

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Time(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Quoted when it holds a comma, a quote or a line break; a leading =, +, - or @ is prefixed with ' so a spreadsheet does not run it.</summary>
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        string safe = value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }
}
