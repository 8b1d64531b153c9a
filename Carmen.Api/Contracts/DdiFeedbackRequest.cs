using System.Text.Json;

namespace Carmen.Api.Contracts;

/// <summary>
/// DDI feedback as hawkBit's servers take it: {"id"?, "time"?, "timestamp"?, "status":{"execution","result":{"finished",
/// "progress":{"cnt","of"}},"code"?,"details":[...]}}. The id (a number or a string; the action is the path's) and the
/// times (ISO 8601, swupdate's compact 20261124T111820 or Unix milliseconds) are accepted as clients send them and not
/// used: the server's clock orders feedback. Members hawkBit does not know are ignored, as hawkBit ignores them.
/// </summary>
public sealed record DdiFeedbackRequest(JsonElement? Id = null, JsonElement? Time = null, JsonElement? Timestamp = null, DdiStatusContract? Status = null);
