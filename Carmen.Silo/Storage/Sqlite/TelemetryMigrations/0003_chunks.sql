-- History in chunks: one row per series, hour and history flush, its points encoded together (see
-- TelemetryChunkCodec), so a flush writes a row per series instead of a row per point. A chunk's id is its write
-- order: of two chunks holding the same timestamp, the later one's value is the one read.
-- The existing points are moved over in code after this script (TelemetryChunkMigration), in the same transaction.
CREATE TABLE telemetry_chunks (
    id INTEGER PRIMARY KEY,
    series_id INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    first_ts INTEGER NOT NULL,
    last_ts INTEGER NOT NULL,
    points INTEGER NOT NULL,
    data BLOB NOT NULL
);

-- Reads seek to a series' hours; retention walks each series' oldest hours.
CREATE INDEX telemetry_chunks_series ON telemetry_chunks (series_id, bucket);
