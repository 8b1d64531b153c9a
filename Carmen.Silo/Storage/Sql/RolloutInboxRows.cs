namespace Carmen.Silo.Storage.Sql;

/// <summary>The rollout inbox's SQL that reads the same in SQLite and PostgreSQL.</summary>
internal static class RolloutInboxRows
{
    public const string UpsertPostSql =
        """
        INSERT INTO rollout_posts (tenant_id, rollout_id, batch, distribution_set_id, request)
        VALUES (@tenant, @rollout, @batch, @set, @request)
        ON CONFLICT (tenant_id, rollout_id, batch) DO UPDATE SET distribution_set_id = excluded.distribution_set_id, request = excluded.request
        """;

    public const string PeekSql =
        """
        SELECT p.request FROM rollout_inbox i
        JOIN rollout_posts p ON p.tenant_id = i.tenant_id AND p.rollout_id = i.rollout_id AND p.batch = i.batch
        WHERE i.tenant_id = @tenant AND i.device_id = @device
        ORDER BY i.posted_at, i.rollout_id
        """;

    public const string RemoveSql = "DELETE FROM rollout_inbox WHERE tenant_id = @tenant AND device_id = @device AND rollout_id = @rollout";

    public const string RecallSql = "DELETE FROM rollout_inbox WHERE tenant_id = @tenant AND rollout_id = @rollout AND batch = @batch RETURNING device_id";

    public const string RetirePostSql = "DELETE FROM rollout_posts WHERE tenant_id = @tenant AND rollout_id = @rollout AND batch = @batch";

    public const string CountPostedSql =
        """
        SELECT count(*) FROM rollout_inbox i
        JOIN rollout_posts p ON p.tenant_id = i.tenant_id AND p.rollout_id = i.rollout_id AND p.batch = i.batch
        WHERE p.tenant_id = @tenant AND p.distribution_set_id = @set
        """;
}
