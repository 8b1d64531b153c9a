namespace Carmen.Api.Contracts;

/// <summary>
/// A device's credentials: <c>{"type":"accessToken","accessToken"?}</c> (left out: one is generated and returned
/// once), or <c>{"type":"mqttBasic","clientId"?,"username"?,"password"?}</c> with a client id, a username or both.
/// </summary>
public sealed record SetCredentialsRequest(string? Type, string? AccessToken, string? ClientId, string? Username, string? Password);
