using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Carmen.Silo.Storage.Sqlite;

/// <summary>
/// Orleans reminder table on the embedded store. Rows carry the grain's uniform hash so each silo reads only the
/// hash range it owns.
/// </summary>
public sealed class SqliteReminderTable(SqliteDatabase database) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at, period_ms, etag";

    public Task Init() => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        ReadAsync($"SELECT {Columns} FROM reminders WHERE grain_id = @grain", ("@grain", grainId.ToString()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        begin < end
            ? ReadAsync($"SELECT {Columns} FROM reminders WHERE grain_hash > @begin AND grain_hash <= @end", ("@begin", (long)begin), ("@end", (long)end))
            : ReadAsync($"SELECT {Columns} FROM reminders WHERE grain_hash > @begin OR grain_hash <= @end", ("@begin", (long)begin), ("@end", (long)end));

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        ReminderTableData rows = await ReadAsync(
            $"SELECT {Columns} FROM reminders WHERE grain_id = @grain AND reminder_name = @name",
            ("@grain", grainId.ToString()), ("@name", reminderName));
        return rows.Reminders.FirstOrDefault();
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        long etag = await database.WriteAsync(transaction =>
        {
            using SqliteCommand command = transaction.Command(
                """
                INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_at, period_ms, etag)
                VALUES (@grain, @name, @hash, @start, @period, 1)
                ON CONFLICT (grain_id, reminder_name) DO UPDATE
                SET grain_hash = excluded.grain_hash, start_at = excluded.start_at, period_ms = excluded.period_ms, etag = reminders.etag + 1
                RETURNING etag
                """,
                ("@grain", entry.GrainId.ToString()), ("@name", entry.ReminderName), ("@hash", (long)entry.GrainId.GetUniformHashCode()),
                ("@start", new DateTimeOffset(DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc)).ToUnixTimeMilliseconds()),
                ("@period", (long)entry.Period.TotalMilliseconds));
            return (long)command.ExecuteScalar()!;
        });
        return etag.ToString(CultureInfo.InvariantCulture);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        database.WriteAsync(transaction => transaction.ExecuteNonQuery(
            "DELETE FROM reminders WHERE grain_id = @grain AND reminder_name = @name AND etag = @etag",
            ("@grain", grainId.ToString()), ("@name", reminderName),
            ("@etag", long.TryParse(eTag, CultureInfo.InvariantCulture, out long etag) ? etag : -1)) == 1);

    public Task TestOnlyClearTable() => database.WriteAsync(transaction => transaction.ExecuteNonQuery("DELETE FROM reminders"));

    private Task<ReminderTableData> ReadAsync(string sql, params (string Name, object? Value)[] parameters) =>
        database.ReadAsync(connection =>
        {
            using SqliteCommand command = connection.Command(sql, parameters);
            using SqliteDataReader reader = command.ExecuteReader();
            var entries = new List<ReminderEntry>();
            while (reader.Read())
            {
                entries.Add(new ReminderEntry
                {
                    GrainId = GrainId.Parse(reader.GetString(0)),
                    ReminderName = reader.GetString(1),
                    StartAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)).UtcDateTime,
                    Period = TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                    ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
                });
            }

            return new ReminderTableData(entries);
        });
}
