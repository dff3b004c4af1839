-- Inventories learn their operating system and package URLs; findings are tracked over time.
-- Same portability rules as V1/V2: ISO-8601 text for instants, INTEGER for numbers, no vendor types.

-- The OS a scan found (/etc/os-release). An empty os_id means the inventory has no OS (an SBOM, a
-- lockfile, an appliance); rows stored before this migration read as "no OS".
ALTER TABLE inventories ADD COLUMN os_id VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE inventories ADD COLUMN os_version_id VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE inventories ADD COLUMN os_codename VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE inventories ADD COLUMN os_id_like VARCHAR(255) NOT NULL DEFAULT '';

-- The package URL when the collector knows it, else ''. TEXT: qualifiers make purls of any length.
ALTER TABLE installed_packages ADD COLUMN purl TEXT NOT NULL DEFAULT '';

-- One advisory of one feed hitting one installed package on one asset, as tracked across rescans
-- and feed updates. The installed_* and advisory columns hold the evidence of the newest match.
-- status: OPEN, FIXED (fixed_by_revision names the inventory that proved it) or RETRACTED.
-- aliases: the record's aliases as a sorted JSON array of strings, read back as they were; the
-- finding_aliases table repeats them for lookups by alias.
CREATE TABLE findings (
    asset_name          VARCHAR(255) NOT NULL REFERENCES assets (name) ON DELETE CASCADE,
    ecosystem           VARCHAR(32)  NOT NULL,
    package_name        VARCHAR(512) NOT NULL,
    advisory_id         VARCHAR(256) NOT NULL,
    feed_source         VARCHAR(64)  NOT NULL,
    package_version     VARCHAR(256) NOT NULL,
    source_name         VARCHAR(512) NOT NULL,
    source_version      VARCHAR(256) NOT NULL,
    architecture        VARCHAR(64)  NOT NULL,
    purl                TEXT         NOT NULL,
    aliases             TEXT         NOT NULL,
    advisory_ecosystem  VARCHAR(128) NOT NULL,
    matched_name        TEXT         NOT NULL,
    matched_version     VARCHAR(256) NOT NULL,
    affected_status     VARCHAR(32)  NOT NULL,
    affected_range      TEXT         NOT NULL,
    fixed_version       TEXT         NOT NULL,
    confidence          VARCHAR(32)  NOT NULL,
    status              VARCHAR(16)  NOT NULL CHECK (status IN ('OPEN', 'FIXED', 'RETRACTED')),
    first_seen          VARCHAR(32)  NOT NULL,
    last_seen           VARCHAR(32)  NOT NULL,
    closed_at           VARCHAR(32),
    fixed_by_revision   INTEGER      NOT NULL DEFAULT 0,
    PRIMARY KEY (asset_name, ecosystem, package_name, advisory_id, feed_source)
);

-- Lookups by asset use the primary key, whose first column is asset_name.
CREATE INDEX findings_advisory ON findings (advisory_id);
CREATE INDEX findings_status ON findings (status, asset_name);
CREATE INDEX findings_package ON findings (package_name);
CREATE INDEX findings_matched_name ON findings (matched_name);

-- Derived from findings.aliases, rewritten with their finding: "which findings does CVE-… cause",
-- when the finding is a DSA or GHSA naming the CVE as alias.
CREATE TABLE finding_aliases (
    asset_name   VARCHAR(255) NOT NULL,
    ecosystem    VARCHAR(32)  NOT NULL,
    package_name VARCHAR(512) NOT NULL,
    advisory_id  VARCHAR(256) NOT NULL,
    feed_source  VARCHAR(64)  NOT NULL,
    alias        VARCHAR(256) NOT NULL,
    PRIMARY KEY (asset_name, ecosystem, package_name, advisory_id, feed_source, alias),
    FOREIGN KEY (asset_name, ecosystem, package_name, advisory_id, feed_source)
        REFERENCES findings (asset_name, ecosystem, package_name, advisory_id, feed_source) ON DELETE CASCADE
);

CREATE INDEX finding_aliases_alias ON finding_aliases (alias);
