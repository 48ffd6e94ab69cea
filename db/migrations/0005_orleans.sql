-- Storage of Microsoft Orleans 10.4.2's ADO.NET providers on PostgreSQL (Invariant "Npgsql"):
--   clustering   Microsoft.Orleans.Clustering.AdoNet   (UseAdoNetClustering; clients' gateway list too)
--   reminders    Microsoft.Orleans.Reminders.AdoNet    (UseAdoNetReminderService)
--   persistence  Microsoft.Orleans.Persistence.AdoNet  (AddAdoNetGrainStorage / AddAdoNetGrainStorageAsDefault)
--
-- The providers ship no SQL. They run only the named queries stored in OrleansQuery: at start-up each one reads
--   SELECT QueryKey, QueryText FROM OrleansQuery
-- (that text is compiled into the providers, so this table and its two columns keep those names), and then
-- executes the texts with ADO.NET parameters (@DeploymentId, @Version, ...). The contract with the providers is:
--   * every query key listed below exists (clustering and reminders refuse to start when one of theirs is missing);
--   * the parameter names and the result column names are the ones below. Columns are read by name; Npgsql
--     matches names case-insensitively, so the lower-case names PostgreSQL returns are fine;
--   * the .NET types of the values read: Version, Port, Generation, Status, ProxyPort are integer (int4); Period
--     is bigint; StartTime/IAmAliveTime are timestamptz; PayloadBinary is bytea;
--   * "boolean" answers (InsertMembershipVersionKey, InsertMembershipKey, UpdateMembershipKey,
--     DeleteReminderRowKey) are exactly one row with one column: > 0 is true, 0 is false.
--
-- Identities. Clustering rows are keyed by DeploymentId, which the provider fills with ClusterOptions.ClusterId.
-- Reminder and grain-state rows are keyed by ServiceId (ClusterOptions.ServiceId), so they survive a new ClusterId.
-- The tables live in the connection's default schema (public): the providers name them unqualified.
--
-- Optimistic concurrency, as in the official Orleans scripts:
--   * membership: one row per cluster in OrleansMembershipVersionTable carries the table version (the etag of the
--     whole membership table). Inserting or updating a silo row succeeds only when the caller's @Version is the
--     current one, and bumps it in the same transaction; when the silo row cannot be written the version bump is
--     rolled back. Heartbeats (UpdateIAmAlivetimeKey) touch only IAmAliveTime and never the version.
--   * reminders: Version starts at 0 and grows by one on each upsert; a delete must name the current Version.
--   * grain state: Version is the ETag. A write names the version it read (NULL for a state never written); the
--     answer is the new version, or NULL when nothing was written, which the provider turns into an
--     InconsistentStateException.
--
-- Hashes (GrainHash, GrainIdHash, GrainTypeHash) are computed by the providers, never here: GrainHash is
-- GrainId.GetUniformHashCode() cast to int; the storage hashes come from AdoNetGrainStorageOptions.HashPicker
-- (OrleansDefaultHasher unless configured). Changing the hash picker orphans the stored grain state.
--
-- Everything is CREATE ... IF NOT EXISTS / CREATE OR REPLACE / INSERT ... ON CONFLICT DO UPDATE, so running this
-- file again is harmless and resets the query texts to these. The providers cache the texts at start-up: a silo
-- picks up a changed text when it restarts.

-- ---------------------------------------------------------------------------------------------------------
-- Query catalog
-- ---------------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orleansquery (
    querykey  varchar(64) NOT NULL,
    querytext text        NOT NULL,
    CONSTRAINT orleansquery_key PRIMARY KEY (querykey)
);

-- ---------------------------------------------------------------------------------------------------------
-- Clustering
-- ---------------------------------------------------------------------------------------------------------

-- One row per cluster: the membership table's version. Created by the first silo (InsertMembershipVersionKey).
CREATE TABLE IF NOT EXISTS orleansmembershipversiontable (
    deploymentid text        NOT NULL,             -- ClusterOptions.ClusterId
    timestamp    timestamptz NOT NULL DEFAULT now(), -- last version change
    version      integer     NOT NULL DEFAULT 0,
    CONSTRAINT pk_orleansmembershipversiontable_deploymentid PRIMARY KEY (deploymentid)
);

-- One row per silo incarnation (address, port, generation). Status is Orleans' SiloStatus:
-- 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead.
-- SuspectTimes is the provider's own text: "<silo address>,<time>|<silo address>,<time>...".
CREATE TABLE IF NOT EXISTS orleansmembershiptable (
    deploymentid text           NOT NULL,
    address      varchar(45)    NOT NULL,          -- IPv4 or IPv6 text
    port         integer        NOT NULL,
    generation   integer        NOT NULL,
    siloname     text           NOT NULL,
    hostname     text           NOT NULL,
    status       integer        NOT NULL,
    proxyport    integer        NULL,              -- gateway port, 0 when the silo is no gateway
    suspecttimes text           NULL,
    starttime    timestamptz(3) NOT NULL,
    iamalivetime timestamptz(3) NOT NULL,
    CONSTRAINT pk_membershiptable_deploymentid PRIMARY KEY (deploymentid, address, port, generation),
    CONSTRAINT fk_membershiptable_membershipversiontable_deploymentid
        FOREIGN KEY (deploymentid) REFERENCES orleansmembershipversiontable (deploymentid)
);

-- InsertMembershipKey: add a silo row if @Version is the current table version; bump the version with it.
-- Answers 1 when both happened, 0 otherwise (stale version, or the row exists: then the bump is rolled back).
CREATE OR REPLACE FUNCTION orleans_insert_membership(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    affected integer;
BEGIN
    -- The block is a subtransaction: raising OR001 inside it undoes the version bump.
    BEGIN
        UPDATE orleansmembershipversiontable
           SET version = version + 1, timestamp = now()
         WHERE deploymentid = p_deployment_id
           AND version = p_version
           AND version < 2147483647;
        GET DIAGNOSTICS affected = ROW_COUNT;
        IF affected = 0 THEN
            RETURN 0;
        END IF;

        INSERT INTO orleansmembershiptable
            (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
        VALUES
            (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
             p_start_time, p_i_am_alive_time)
        ON CONFLICT (deploymentid, address, port, generation) DO NOTHING;
        GET DIAGNOSTICS affected = ROW_COUNT;
        IF affected = 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'OR001', MESSAGE = 'orleans membership row already exists';
        END IF;
        RETURN 1;
    EXCEPTION
        WHEN SQLSTATE 'OR001' THEN
            RETURN 0;
    END;
END
$fn$;

-- UpdateMembershipKey: change a silo row's status, suspicions and heartbeat if @Version is the current table
-- version; bump the version with it. Answers 1 when both happened, 0 otherwise (stale version, or no such row:
-- then the bump is rolled back).
CREATE OR REPLACE FUNCTION orleans_update_membership(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    affected integer;
BEGIN
    BEGIN
        UPDATE orleansmembershipversiontable
           SET version = version + 1, timestamp = now()
         WHERE deploymentid = p_deployment_id
           AND version = p_version
           AND version < 2147483647;
        GET DIAGNOSTICS affected = ROW_COUNT;
        IF affected = 0 THEN
            RETURN 0;
        END IF;

        UPDATE orleansmembershiptable
           SET status = p_status, suspecttimes = p_suspect_times, iamalivetime = p_i_am_alive_time
         WHERE deploymentid = p_deployment_id
           AND address = p_address
           AND port = p_port
           AND generation = p_generation;
        GET DIAGNOSTICS affected = ROW_COUNT;
        IF affected = 0 THEN
            RAISE EXCEPTION USING ERRCODE = 'OR001', MESSAGE = 'orleans membership row not found';
        END IF;
        RETURN 1;
    EXCEPTION
        WHEN SQLSTATE 'OR001' THEN
            RETURN 0;
    END;
END
$fn$;

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Creates the cluster's version row unless it exists; answers 1 if it was created now, else 0.
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO orleansmembershipversiontable (deploymentid)
        VALUES (@DeploymentId)
        ON CONFLICT (deploymentid) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer AS created FROM created
$q$),

('InsertMembershipKey', $q$
    SELECT orleans_insert_membership(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS row_count
$q$),

('UpdateMembershipKey', $q$
    SELECT orleans_update_membership(
        @DeploymentId, @Address, @Port, @Generation,
        @Status, @SuspectTimes, @IAmAliveTime, @Version) AS row_count
$q$),

-- Heartbeat: the silo's own row only, the table version is left alone.
('UpdateIAmAlivetimeKey', $q$
    UPDATE orleansmembershiptable
       SET iamalivetime = @IAmAliveTime
     WHERE deploymentid = @DeploymentId
       AND address = @Address
       AND port = @Port
       AND generation = @Generation
$q$),

-- One silo's row with the table version. The version row comes back even when the silo has no row
-- (all silo columns NULL then), which the provider reads as "no entry, table version N".
('MembershipReadRowKey', $q$
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
           m.suspecttimes, m.starttime, m.iamalivetime, v.version
      FROM orleansmembershipversiontable v
      LEFT OUTER JOIN orleansmembershiptable m
        ON m.deploymentid = v.deploymentid
       AND m.address = @Address
       AND m.port = @Port
       AND m.generation = @Generation
     WHERE v.deploymentid = @DeploymentId
$q$),

-- Every silo row with the table version, read in one statement (one snapshot).
('MembershipReadAllKey', $q$
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
           m.suspecttimes, m.starttime, m.iamalivetime, v.version
      FROM orleansmembershipversiontable v
      LEFT OUTER JOIN orleansmembershiptable m
        ON m.deploymentid = v.deploymentid
     WHERE v.deploymentid = @DeploymentId
$q$),

-- Gateways for clients: @Status is 3 (Active).
('GatewaysQueryKey', $q$
    SELECT address, proxyport, generation
      FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND status = @Status
       AND proxyport > 0
$q$),

-- Forgets a whole cluster (silo rows, then its version row), in one statement.
('DeleteMembershipTableEntriesKey', $q$
    WITH silos AS (
        DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId
    )
    DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId
$q$),

-- Required key, bulk cleanup of Dead rows whose start, heartbeat and suspicions are all older than @IAmAliveTime.
-- 10.4.2 runs it only when CleanupDefunctSiloEntryKey below is absent.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND status = 6
       AND iamalivetime < @IAmAliveTime
       AND starttime < @IAmAliveTime
       AND coalesce(suspecttimes, '') = ''
$q$),

-- Optional key (used by 10.4.2 when present): the cleanup agent reads the table, picks expired Dead rows and
-- deletes each one only if it still holds the values it read, so a row changed meanwhile stays.
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM orleansmembershiptable
     WHERE deploymentid = @DeploymentId
       AND address = @Address
       AND port = @Port
       AND generation = @Generation
       AND status = 6
       AND starttime = @StartTime
       AND iamalivetime = @IAmAliveTime
       AND coalesce(suspecttimes, '') = coalesce(@SuspectTimes, '')
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

-- ---------------------------------------------------------------------------------------------------------
-- Reminders
-- ---------------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orleansreminderstable (
    serviceid    text           NOT NULL,          -- ClusterOptions.ServiceId
    grainid      text           NOT NULL,          -- GrainId.ToString(), e.g. "reminder/42"
    remindername text           NOT NULL,
    starttime    timestamptz(3) NOT NULL,
    period       bigint         NOT NULL,          -- milliseconds
    grainhash    integer        NOT NULL,          -- GrainId.GetUniformHashCode() as a signed int
    version      integer        NOT NULL,
    CONSTRAINT pk_reminderstable_serviceid_grainid_remindername PRIMARY KEY (serviceid, grainid, remindername)
);

-- Each silo reads the reminders of its share of the hash ring (ReadRangeRows1Key/ReadRangeRows2Key).
CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_serviceid_grainhash
    ON orleansreminderstable (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Inserts (version 0) or replaces (version + 1) a reminder; answers the new version.
-- @Period arrives as int4 or int8 depending on its size; both fit the bigint column.
('UpsertReminderRowKey', $q$
    INSERT INTO orleansreminderstable AS r
           (serviceid, grainid, remindername, starttime, period, grainhash, version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
       SET starttime = EXCLUDED.starttime,
           period    = EXCLUDED.period,
           grainhash = EXCLUDED.grainhash,
           version   = r.version + 1
    RETURNING r.version AS version
$q$),

-- A grain's reminders.
('ReadReminderRowsKey', $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainid = @GrainId
$q$),

-- One reminder (no row when there is none).
('ReadReminderRowKey', $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainid = @GrainId
       AND remindername = @ReminderName
$q$),

-- Ring range (@BeginHash, @EndHash] when it does not wrap in signed order (the provider picks this one when
-- (int)begin < (int)end).
('ReadRangeRows1Key', $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND grainhash > @BeginHash
       AND grainhash <= @EndHash
$q$),

-- Ring range that wraps around: (@BeginHash, max] and [min, @EndHash]. Also the whole ring when begin = end.
('ReadRangeRows2Key', $q$
    SELECT grainid, remindername, starttime, period, version
      FROM orleansreminderstable
     WHERE serviceid = @ServiceId
       AND (grainhash > @BeginHash OR grainhash <= @EndHash)
$q$),

-- Deletes a reminder if @Version is its current version; answers 1 if deleted, else 0.
('DeleteReminderRowKey', $q$
    WITH deleted AS (
        DELETE FROM orleansreminderstable
         WHERE serviceid = @ServiceId
           AND grainid = @GrainId
           AND remindername = @ReminderName
           AND version = @Version
        RETURNING 1
    )
    SELECT count(*)::integer AS deleted FROM deleted
$q$),

-- Every reminder of the service (the provider's TestOnlyClearTable).
('DeleteReminderRowsKey', $q$
    DELETE FROM orleansreminderstable
     WHERE serviceid = @ServiceId
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;

-- ---------------------------------------------------------------------------------------------------------
-- Grain persistence
-- ---------------------------------------------------------------------------------------------------------

-- A grain's state: one row per (service, state name, grain key).
-- graintypestring is what the provider calls the grain type, but Orleans 10 hands it the state NAME, e.g. "s" for
-- [PersistentState("s")]; the grain class is not stored at all. Two grain classes with the same key and the same
-- state name on the same storage provider therefore share one row: give every grain class its own state name.
-- The grain key is split by the provider: an integer key is (n0 = 0, n1 = key), a Guid key is its two halves, a
-- string key is (0, 0, grainidextensionstring = key); the extension of a compound key is grainidextensionstring.
CREATE TABLE IF NOT EXISTS orleansstorage (
    grainidhash            integer     NOT NULL,
    grainidn0              bigint      NOT NULL,
    grainidn1              bigint      NOT NULL,
    graintypehash          integer     NOT NULL,
    graintypestring        text        NOT NULL,
    grainidextensionstring text        NULL,
    serviceid              text        NOT NULL,
    payloadbinary          bytea       NULL,       -- NULL after ClearStorageKey: the row keeps its version
    modifiedon             timestamptz NOT NULL,
    version                integer     NULL
);

-- One row per grain even when two activations write their first state concurrently: the second INSERT waits for
-- the first and then does nothing (ON CONFLICT), so it answers NULL and the provider raises
-- InconsistentStateException. NULLS NOT DISTINCT (PostgreSQL 15+): grains without a key extension are equal too.
-- The index also serves every lookup. A btree entry is limited to about 2.7 kB, so the grain type name, the string
-- key and the service id together must stay below that.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain
    ON orleansstorage (grainidhash, graintypehash, grainidn0, grainidn1, serviceid, graintypestring, grainidextensionstring)
    NULLS NOT DISTINCT;

INSERT INTO orleansquery (querykey, querytext) VALUES

-- The state and its version; no row for a grain never written.
('ReadFromStorageKey', $q$
    SELECT payloadbinary, version
      FROM orleansstorage
     WHERE grainidhash = @GrainIdHash
       AND graintypehash = @GrainTypeHash
       AND grainidn0 = @GrainIdN0
       AND grainidn1 = @GrainIdN1
       AND serviceid = @ServiceId
       AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

-- Writes the state: updates the row holding version @GrainStateVersion, or inserts version 1 when
-- @GrainStateVersion is NULL and there is no row yet. Answers the new version, NULL when nothing was written.
('WriteToStorageKey', $q$
    WITH updated AS (
        UPDATE orleansstorage
           SET payloadbinary = @PayloadBinary, modifiedon = now(), version = version + 1
         WHERE @GrainStateVersion IS NOT NULL
           AND grainidhash = @GrainIdHash
           AND graintypehash = @GrainTypeHash
           AND grainidn0 = @GrainIdN0
           AND grainidn1 = @GrainIdN1
           AND serviceid = @ServiceId
           AND graintypestring = @GrainTypeString
           AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
           AND version = @GrainStateVersion
        RETURNING version
    ), inserted AS (
        INSERT INTO orleansstorage
               (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring,
                serviceid, payloadbinary, modifiedon, version)
        SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
               @ServiceId, @PayloadBinary, now(), 1
         WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING version
    )
    SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted) AS newgrainstateversion
$q$),

-- Clears the state but keeps the row and bumps its version (AdoNetGrainStorageOptions.DeleteStateOnClear = false,
-- the default). Answers the new version (the provider reads the first column); no row when @GrainStateVersion
-- is stale.
('ClearStorageKey', $q$
    UPDATE orleansstorage
       SET payloadbinary = NULL, modifiedon = now(), version = version + 1
     WHERE grainidhash = @GrainIdHash
       AND graintypehash = @GrainTypeHash
       AND grainidn0 = @GrainIdN0
       AND grainidn1 = @GrainIdN1
       AND serviceid = @ServiceId
       AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
       AND version = @GrainStateVersion
    RETURNING version AS newgrainstateversion
$q$),

-- Deletes the row instead (DeleteStateOnClear = true). Answers version + 1 so that the provider sees a change;
-- no row when @GrainStateVersion is stale.
('DeleteStorageKey', $q$
    DELETE FROM orleansstorage
     WHERE grainidhash = @GrainIdHash
       AND graintypehash = @GrainTypeHash
       AND grainidn0 = @GrainIdN0
       AND grainidn1 = @GrainIdN1
       AND serviceid = @ServiceId
       AND graintypestring = @GrainTypeString
       AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
       AND version = @GrainStateVersion
    RETURNING version + 1 AS newgrainstateversion
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
