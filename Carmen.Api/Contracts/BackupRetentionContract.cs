using Carmen.Grains.Interfaces.Backups;

namespace Carmen.Api.Contracts;

/// <summary>Which backups the repository keeps: the newest keepLast, and the newest of each of the last daily days, weekly ISO weeks and monthly months.</summary>
public sealed record BackupRetentionContract(int? KeepLast, int? Daily, int? Weekly, int? Monthly)
{
    public const int DefaultKeepLast = 7;

    public static BackupRetentionContract From(BackupRetentionPolicy policy) => new(policy.KeepLast, policy.Daily, policy.Weekly, policy.Monthly);

    public BackupRetentionPolicy ToPolicy() => new(KeepLast ?? (Daily is null && Weekly is null && Monthly is null ? DefaultKeepLast : 0), Daily ?? 0, Weekly ?? 0, Monthly ?? 0);
}
