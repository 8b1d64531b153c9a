namespace Carmen.Grains.Tenants;

/// <summary>A custom role as stored.</summary>
[GenerateSerializer, Alias("Carmen.CustomRoleState")]
public sealed class CustomRoleState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public List<string> Permissions { get; set; } = [];
}
