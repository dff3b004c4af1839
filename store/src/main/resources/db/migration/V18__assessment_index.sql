-- The assessment index (issue 13, Load): each tracked finding's assessment as the keys a findings
-- page filters and sorts on, so that a page of the server's findings list is one bounded query.
-- Derived data: rebuilt whenever assessment_index_basis differs from the feeds and policy in use.
-- Sort keys are encoded so that plain ascending order reproduces Assessment.BY_URGENCY under any
-- collation: kev_rank 0 for KEV-listed, mission_rank minus the mission impact's ordinal, epss_key
-- and cvss_key minus the score (1 when unknown), dates as epoch days, and finding_key/asset_key the
-- hex of the UTF-8 bytes (byte order, whatever the database's collation does with '|' and '-').
CREATE TABLE assessment_index (
    asset_name    VARCHAR(255) NOT NULL,
    ecosystem     VARCHAR(32)  NOT NULL,
    package_name  VARCHAR(512) NOT NULL,
    advisory_id   VARCHAR(256) NOT NULL,
    feed_source   VARCHAR(64)  NOT NULL,
    status        VARCHAR(16)  NOT NULL CHECK (status IN ('OPEN', 'FIXED', 'RETRACTED', 'NOT_AFFECTED')),
    tier          VARCHAR(64)  NOT NULL,
    tier_rank     INTEGER      NOT NULL,
    due_day       INTEGER      NOT NULL,
    kev_rank      INTEGER      NOT NULL,
    mission_rank  INTEGER      NOT NULL,
    criticality   INTEGER      NOT NULL,
    epss_key      DOUBLE PRECISION NOT NULL,
    cvss_key      DOUBLE PRECISION NOT NULL,
    finding_key   TEXT         NOT NULL,
    asset_key     TEXT         NOT NULL,
    owner_team    VARCHAR(255) NOT NULL,
    first_day     INTEGER      NOT NULL,
    PRIMARY KEY (asset_name, ecosystem, package_name, advisory_id, feed_source),
    FOREIGN KEY (asset_name, ecosystem, package_name, advisory_id, feed_source)
        REFERENCES findings (asset_name, ecosystem, package_name, advisory_id, feed_source) ON DELETE CASCADE
);

-- A tier's page in urgency order walks this index and stops after the page.
CREATE INDEX assessment_index_urgency ON assessment_index (tier, tier_rank, due_day, kev_rank, mission_rank,
    criticality, epss_key, cvss_key, finding_key);
CREATE INDEX assessment_index_team ON assessment_index (owner_team, tier, tier_rank, due_day, kev_rank,
    mission_rank, criticality, epss_key, cvss_key, finding_key);
CREATE INDEX assessment_index_urgency_all ON assessment_index (tier_rank, due_day, kev_rank, mission_rank,
    criticality, epss_key, cvss_key, finding_key);

-- One row (id 1) naming what the index rows were computed from; none until the index is built.
CREATE TABLE assessment_index_basis (
    id     INTEGER      NOT NULL PRIMARY KEY,
    basis  VARCHAR(128) NOT NULL
);
