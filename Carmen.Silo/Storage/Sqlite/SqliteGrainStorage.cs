using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>
/// Orleans grain storage on the embedded store, with optimistic concurrency: the etag is a row version that a
/// write must match. State is serialized by the configured <see cref="IGrainStorageSerializer"/>.
/// </summary>
public sealed class SqliteGrainStorage(SqliteDatabase database, IGrainStorageSerializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        (long Etag, byte[] Payload)? row = await database.ReadAsync(connection =>
        {
            using SqliteCommand command = connection.Command(
                "SELECT etag, payload FROM grain_state WHERE state_name = @state AND grain_id = @grain",
                ("@state", stateName), ("@grain", grainId.ToString()));
            using SqliteDataReader reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : ((long, byte[])?)null;
        });

        if (row is (long etag, byte[] payload))
        {
            grainState.State = serializer.Deserialize<T>(BinaryData.FromBytes(payload));
            grainState.ETag = etag.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = EmptyState<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        byte[] payload = serializer.Serialize(grainState.State).ToArray();
        string grain = grainId.ToString();
        string? expected = grainState.ETag;
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long etag = await database.WriteAsync(transaction =>
        {
            if (expected is null)
            {
                int inserted = transaction.ExecuteNonQuery(
                    """
                    INSERT INTO grain_state (state_name, grain_id, etag, payload, modified_at) VALUES (@state, @grain, 1, @payload, @now)
                    ON CONFLICT (state_name, grain_id) DO NOTHING
                    """,
                    ("@state", stateName), ("@grain", grain), ("@payload", payload), ("@now", now));
                return inserted == 1 ? 1L : throw Inconsistent(grainId, stateName, expected);
            }

            long version = long.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
            int updated = transaction.ExecuteNonQuery(
                """
                UPDATE grain_state SET etag = etag + 1, payload = @payload, modified_at = @now
                WHERE state_name = @state AND grain_id = @grain AND etag = @etag
                """,
                ("@state", stateName), ("@grain", grain), ("@payload", payload), ("@now", now), ("@etag", version));
            return updated == 1 ? version + 1 : throw Inconsistent(grainId, stateName, expected);
        });

        grainState.ETag = etag.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        string? expected = grainState.ETag;
        if (expected is not null)
        {
            await database.WriteAsync(transaction =>
            {
                int deleted = transaction.ExecuteNonQuery(
                    "DELETE FROM grain_state WHERE state_name = @state AND grain_id = @grain AND etag = @etag",
                    ("@state", stateName), ("@grain", grainId.ToString()),
                    ("@etag", long.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)));
                return deleted == 1 ? deleted : throw Inconsistent(grainId, stateName, expected);
            });
        }

        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = EmptyState<T>();
    }

    /// <summary>A fresh state object for grains whose state is a class with a default constructor; default otherwise.</summary>
    private static T EmptyState<T>() =>
        typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance<T>() : default!;

    private static InconsistentStateException Inconsistent(GrainId grainId, string stateName, string? expected) =>
        new($"State '{stateName}' of {grainId} was changed by another writer (expected version {expected ?? "none"}).", "unknown", expected ?? "none");
}
