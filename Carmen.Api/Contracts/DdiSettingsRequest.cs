namespace Carmen.Api.Contracts;

/// <summary>
/// Changes a tenant's DDI settings: pollingSleep "HH:MM:SS", autoRegister with autoRegisterClusterId, and
/// issueGatewayToken / revokeGatewayToken. The answer shows a newly issued gateway token once.
/// </summary>
public sealed record DdiSettingsRequest(
    string? PollingSleep = null,
    bool? AutoRegister = null,
    string? AutoRegisterClusterId = null,
    bool IssueGatewayToken = false,
    bool RevokeGatewayToken = false);
