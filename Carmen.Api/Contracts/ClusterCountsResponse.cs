namespace Carmen.Api.Contracts;

/// <summary>Devices in service and online in one cluster.</summary>
public sealed record ClusterCountsResponse(string ClusterId, long Total, long Online);
