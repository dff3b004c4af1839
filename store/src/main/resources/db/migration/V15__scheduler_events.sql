-- Continuous operation (issue 13): scheduled jobs shared by every server node, their runs, the events
-- they raise, agent check-ins, and the idempotency keys of inventory uploads. Times are fixed-width
-- UTC text (SqlTime), so text order is time order.

-- One row per job; a node claims a due row (FOR UPDATE SKIP LOCKED on PostgreSQL), moves next_run on
-- and leases it in the same transaction, so two nodes never run the same job at once.
CREATE TABLE scheduled_jobs (
    name             VARCHAR(128) NOT NULL PRIMARY KEY,
    interval_seconds BIGINT       NOT NULL CHECK (interval_seconds > 0),
    next_run         VARCHAR(32)  NOT NULL,
    lease_owner      VARCHAR(255),
    lease_until      VARCHAR(32)
);

CREATE TABLE job_runs (
    job_name    VARCHAR(128) NOT NULL REFERENCES scheduled_jobs (name),
    started_at  VARCHAR(32)  NOT NULL,
    node        VARCHAR(255) NOT NULL,
    finished_at VARCHAR(32)  NOT NULL,
    ok          INTEGER      NOT NULL CHECK (ok IN (0, 1)),
    detail      TEXT         NOT NULL,
    PRIMARY KEY (job_name, started_at, node)
);

-- An event is raised once per (kind, subject, occasion): re-running a check adds nothing.
CREATE TABLE events (
    kind      VARCHAR(64)  NOT NULL,
    subject   VARCHAR(1024) NOT NULL,
    occasion  VARCHAR(64)  NOT NULL,
    raised_at VARCHAR(32)  NOT NULL,
    detail    TEXT         NOT NULL,
    PRIMARY KEY (kind, subject, occasion)
);
CREATE INDEX events_raised_at ON events (raised_at);

CREATE TABLE agent_checkins (
    asset_name VARCHAR(255) NOT NULL PRIMARY KEY,
    last_seen  VARCHAR(32)  NOT NULL,
    agent      VARCHAR(255) NOT NULL
);

-- Idempotency-Key of an inventory upload (the content hash the collector sends) and the answer
-- given, so that a retried upload is answered again rather than stored twice.
CREATE TABLE upload_receipts (
    idempotency_key VARCHAR(128) NOT NULL PRIMARY KEY,
    asset_name      VARCHAR(255) NOT NULL,
    received_at     VARCHAR(32)  NOT NULL,
    response        TEXT         NOT NULL
);
