-- Carmen on PostgreSQL, schema 1: what the Orleans ADO.NET providers need (invariant "Npgsql").
-- The providers read their SQL from OrleansQuery by key and bind parameters by name (@DeploymentId, ...);
-- result columns are quoted because the providers read them by their PascalCase names.
-- Written for Carmen; applied by `Carmen.Silo migrate` (or at start-up with Carmen:Postgres:MigrateOnStart).

-- The providers run "SELECT QueryKey, QueryText FROM OrleansQuery" unquoted, which PostgreSQL folds to lower case.
CREATE TABLE OrleansQuery (
    QueryKey  text PRIMARY KEY,
    QueryText text NOT NULL
);

---------------------------------------------------------------------------------------------------- membership

CREATE TABLE orleans_membership_version (
    deployment_id text        PRIMARY KEY,
    changed_at    timestamptz NOT NULL DEFAULT now(),
    version       integer     NOT NULL DEFAULT 0
);

CREATE TABLE orleans_membership (
    deployment_id  text        NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address        text        NOT NULL,
    port           integer     NOT NULL,
    generation     integer     NOT NULL,
    silo_name      text        NOT NULL,
    host_name      text        NOT NULL,
    status         integer     NOT NULL,
    proxy_port     integer,
    suspect_times  text,
    start_time     timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Inserts a silo's row and bumps the table version, both only if the caller saw the current version.
-- The version row is locked first, so concurrent writers serialise and a losing writer changes nothing.
CREATE FUNCTION orleans_insert_membership(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_silo_name text, p_host_name text,
    p_status integer, p_proxy_port integer, p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM orleans_membership_version
     WHERE deployment_id = p_deployment_id AND version = p_version FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port, p_start_time, p_i_am_alive_time)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version SET version = version + 1, changed_at = now() WHERE deployment_id = p_deployment_id;
    RETURN true;
END $$;

-- Updates a silo's row and bumps the table version, both only if the caller saw the current version.
CREATE FUNCTION orleans_update_membership(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_status integer, p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM orleans_membership_version
     WHERE deployment_id = p_deployment_id AND version = p_version FOR UPDATE;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership
       SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
     WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version SET version = version + 1, changed_at = now() WHERE deployment_id = p_deployment_id;
    RETURN true;
END $$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
    WITH inserted AS (
        INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId::text)
        ON CONFLICT DO NOTHING RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM inserted)
$q$),
('InsertMembershipKey', $q$
    SELECT orleans_insert_membership(@DeploymentId::text, @Address::text, @Port::integer, @Generation::integer,
        @SiloName::text, @HostName::text, @Status::integer, @ProxyPort::integer, @StartTime::timestamptz,
        @IAmAliveTime::timestamptz, @Version::integer)
$q$),
('UpdateMembershipKey', $q$
    SELECT orleans_update_membership(@DeploymentId::text, @Address::text, @Port::integer, @Generation::integer,
        @Status::integer, @SuspectTimes::text, @IAmAliveTime::timestamptz, @Version::integer)
$q$),
('UpdateIAmAlivetimeKey', $q$
    UPDATE orleans_membership SET i_am_alive_time = @IAmAliveTime::timestamptz
     WHERE deployment_id = @DeploymentId::text AND address = @Address::text AND port = @Port::integer AND generation = @Generation::integer
$q$),
('MembershipReadRowKey', $q$
    SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
           m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
           m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
      FROM orleans_membership_version v
      LEFT JOIN orleans_membership m
        ON m.deployment_id = v.deployment_id
       AND m.address = @Address::text AND m.port = @Port::integer AND m.generation = @Generation::integer
     WHERE v.deployment_id = @DeploymentId::text
$q$),
('MembershipReadAllKey', $q$
    SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
           m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
           m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
      FROM orleans_membership_version v
      LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
     WHERE v.deployment_id = @DeploymentId::text
$q$),
('GatewaysQueryKey', $q$
    SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
      FROM orleans_membership
     WHERE deployment_id = @DeploymentId::text AND status = @Status::integer AND proxy_port > 0
$q$),
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId::text
$q$),
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleans_membership
     WHERE deployment_id = @DeploymentId::text AND status = 6 AND i_am_alive_time < @IAmAliveTime::timestamptz
$q$),
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM orleans_membership
     WHERE deployment_id = @DeploymentId::text AND address = @Address::text AND port = @Port::integer
       AND generation = @Generation::integer AND status = 6
       AND start_time = @StartTime::timestamptz AND i_am_alive_time = @IAmAliveTime::timestamptz
$q$);

---------------------------------------------------------------------------------------------------- grain state

CREATE TABLE orleans_storage (
    service_id                text        NOT NULL,
    grain_type_hash           integer     NOT NULL,
    grain_id_hash             integer     NOT NULL,
    grain_id_n0               bigint      NOT NULL,
    grain_id_n1               bigint      NOT NULL,
    grain_type_string         text        NOT NULL,
    grain_id_extension_string text,
    payload_binary            bytea       NOT NULL,
    version                   integer     NOT NULL,
    modified_on               timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_storage_key UNIQUE NULLS NOT DISTINCT
        (service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_type_string, grain_id_extension_string)
);

-- Optimistic concurrency: the caller's version must match. A mismatch answers with the caller's own version
-- (or null for a caller that expected no row), which the provider reports as an inconsistent state.
-- Clearing deletes the row and answers version + 1, so a cleared grain reads as "no record", and its next write,
-- carrying that version, inserts again.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
    SELECT payload_binary AS "PayloadBinary", version AS "Version"
      FROM orleans_storage
     WHERE service_id = @ServiceId::text AND grain_type_hash = @GrainTypeHash::integer AND grain_id_hash = @GrainIdHash::integer
       AND grain_id_n0 = @GrainIdN0::bigint AND grain_id_n1 = @GrainIdN1::bigint AND grain_type_string = @GrainTypeString::text
       AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString::text
$q$),
('WriteToStorageKey', $q$
    WITH updated AS (
        UPDATE orleans_storage SET payload_binary = @PayloadBinary::bytea, version = version + 1, modified_on = now()
         WHERE service_id = @ServiceId::text AND grain_type_hash = @GrainTypeHash::integer AND grain_id_hash = @GrainIdHash::integer
           AND grain_id_n0 = @GrainIdN0::bigint AND grain_id_n1 = @GrainIdN1::bigint AND grain_type_string = @GrainTypeString::text
           AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString::text
           AND version = @GrainStateVersion::integer
        RETURNING version),
    inserted AS (
        INSERT INTO orleans_storage (service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_type_string,
                                     grain_id_extension_string, payload_binary, version)
        SELECT @ServiceId::text, @GrainTypeHash::integer, @GrainIdHash::integer, @GrainIdN0::bigint, @GrainIdN1::bigint,
               @GrainTypeString::text, @GrainIdExtensionString::text, @PayloadBinary::bytea, coalesce(@GrainStateVersion::integer, 0) + 1
         WHERE NOT EXISTS (SELECT 1 FROM updated)
           AND NOT EXISTS (
               SELECT 1 FROM orleans_storage
                WHERE service_id = @ServiceId::text AND grain_type_hash = @GrainTypeHash::integer AND grain_id_hash = @GrainIdHash::integer
                  AND grain_id_n0 = @GrainIdN0::bigint AND grain_id_n1 = @GrainIdN1::bigint AND grain_type_string = @GrainTypeString::text
                  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString::text)
        ON CONFLICT ON CONSTRAINT orleans_storage_key DO NOTHING
        RETURNING version)
    SELECT coalesce((SELECT version FROM updated), (SELECT version FROM inserted), @GrainStateVersion::integer) AS "NewGrainStateVersion"
$q$),
('ClearStorageKey', $q$
    WITH deleted AS (
        DELETE FROM orleans_storage
         WHERE service_id = @ServiceId::text AND grain_type_hash = @GrainTypeHash::integer AND grain_id_hash = @GrainIdHash::integer
           AND grain_id_n0 = @GrainIdN0::bigint AND grain_id_n1 = @GrainIdN1::bigint AND grain_type_string = @GrainTypeString::text
           AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString::text
           AND version = @GrainStateVersion::integer
        RETURNING version + 1 AS version)
    SELECT coalesce((SELECT version FROM deleted), @GrainStateVersion::integer) AS "Version"
$q$);

-- Orleans uses this key when configured to delete state on clear; clearing already deletes, so it is the same query.
INSERT INTO OrleansQuery (QueryKey, QueryText) SELECT 'DeleteStorageKey', QueryText FROM OrleansQuery WHERE QueryKey = 'ClearStorageKey';

---------------------------------------------------------------------------------------------------- reminders

CREATE TABLE orleans_reminders (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- Each silo reads the slice of the hash ring it owns; hashes are stored as the signed integers the provider binds.
CREATE INDEX ix_orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', $q$
    INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
    VALUES (@ServiceId::text, @GrainId::text, @ReminderName::text, @StartTime::timestamptz, @Period::bigint, @GrainHash::integer, 0)
    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
       SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
           version = orleans_reminders.version + 1
    RETURNING version AS "Version"
$q$),
('ReadReminderRowsKey', $q$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
      FROM orleans_reminders WHERE service_id = @ServiceId::text AND grain_id = @GrainId::text
$q$),
('ReadReminderRowKey', $q$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
      FROM orleans_reminders
     WHERE service_id = @ServiceId::text AND grain_id = @GrainId::text AND reminder_name = @ReminderName::text
$q$),
('ReadRangeRows1Key', $q$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
      FROM orleans_reminders
     WHERE service_id = @ServiceId::text AND grain_hash > @BeginHash::integer AND grain_hash <= @EndHash::integer
$q$),
('ReadRangeRows2Key', $q$
    SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
      FROM orleans_reminders
     WHERE service_id = @ServiceId::text AND (grain_hash > @BeginHash::integer OR grain_hash <= @EndHash::integer)
$q$),
('DeleteReminderRowKey', $q$
    WITH deleted AS (
        DELETE FROM orleans_reminders
         WHERE service_id = @ServiceId::text AND grain_id = @GrainId::text AND reminder_name = @ReminderName::text
           AND version = @Version::integer
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM deleted)
$q$),
('DeleteReminderRowsKey', $q$
    DELETE FROM orleans_reminders WHERE service_id = @ServiceId::text
$q$);
