using System.Text.Json;

namespace Carmen.Api.Licenses;

/// <summary>How a license file is written: camelCase JSON, indented, as people open it.</summary>
public static class LicenseFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
