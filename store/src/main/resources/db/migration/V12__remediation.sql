-- Remediation (issue 12): changes that fix findings, their approvals, per-finding verification,
-- risk acceptances, and the append-only audit log. Times are fixed-width UTC text (SqlTime).
-- changes.version is the optimistic lock: every update is "UPDATE ... WHERE id = ? AND version = ?".
CREATE TABLE changes (
    id                 BIGINT       NOT NULL PRIMARY KEY,
    version            INTEGER      NOT NULL,
    title              TEXT         NOT NULL,
    tier               VARCHAR(64)  NOT NULL,
    assets             TEXT         NOT NULL,
    window_start       VARCHAR(32),
    window_end         VARCHAR(32),
    required_approvals INTEGER      NOT NULL CHECK (required_approvals BETWEEN 0 AND 2),
    planned_by         VARCHAR(255) NOT NULL,
    planned_at         VARCHAR(32)  NOT NULL,
    state              VARCHAR(32)  NOT NULL CHECK (state IN ('planned', 'approved', 'applied', 'verified',
                                                              'verification-failed', 'unverified', 'cancelled')),
    state_at           VARCHAR(32),
    state_by           VARCHAR(255),
    state_detail       TEXT         NOT NULL,
    applied_at         VARCHAR(32),
    applied_by         VARCHAR(255),
    deadline           VARCHAR(32)
);

CREATE TABLE change_findings (
    change_id          BIGINT       NOT NULL REFERENCES changes (id),
    position           INTEGER      NOT NULL,
    asset_name         VARCHAR(255) NOT NULL,
    ecosystem          VARCHAR(32)  NOT NULL,
    package_name       VARCHAR(512) NOT NULL,
    advisory_id        VARCHAR(256) NOT NULL,
    cve_ids            TEXT         NOT NULL,
    advisory_ecosystem VARCHAR(128) NOT NULL,
    by_source          INTEGER      NOT NULL,
    installed_version  VARCHAR(256) NOT NULL,
    fixed_version      TEXT         NOT NULL,
    target_version     TEXT         NOT NULL,
    first_seen         VARCHAR(32)  NOT NULL,
    tier               VARCHAR(64)  NOT NULL,
    team               VARCHAR(255) NOT NULL,
    outcome            VARCHAR(16)  NOT NULL CHECK (outcome IN ('PENDING', 'VERIFIED', 'FAILED')),
    checked_at         VARCHAR(32),
    evidence           TEXT         NOT NULL,
    PRIMARY KEY (change_id, position)
);
CREATE INDEX change_findings_by_asset ON change_findings (asset_name);

-- One approval per person and change: the key itself refuses a second approval by the same person.
CREATE TABLE change_approvals (
    change_id   BIGINT       NOT NULL REFERENCES changes (id),
    approver    VARCHAR(255) NOT NULL,
    approved_at VARCHAR(32)  NOT NULL,
    rule        TEXT         NOT NULL,
    PRIMARY KEY (change_id, approver)
);

CREATE TABLE risk_acceptances (
    id          BIGINT       NOT NULL PRIMARY KEY,
    finding_key TEXT         NOT NULL,
    reason      TEXT         NOT NULL,
    approver    VARCHAR(255) NOT NULL,
    accepted_at VARCHAR(32)  NOT NULL,
    until_at    VARCHAR(32)  NOT NULL
);

-- Append-only: the store has INSERT and SELECT statements for this table and nothing else.
CREATE TABLE audit_log (
    seq     BIGINT       NOT NULL PRIMARY KEY,
    at      VARCHAR(32)  NOT NULL,
    actor   VARCHAR(255) NOT NULL,
    subject TEXT         NOT NULL,
    action  VARCHAR(64)  NOT NULL,
    detail  TEXT         NOT NULL
);
