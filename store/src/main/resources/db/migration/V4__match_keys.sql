-- Affected packages learn the keys the matcher looks packages up by, so that the records naming a
-- host's packages are found by SQL instead of reading every record.
-- Same portability rules as V1-V3: standard functions only (lower, trim, replace, substr, length).

-- ecosystem_key: org.patchwarden.match.EcosystemKeys.ecosystem(ecosystem): debian:12, pypi, cpe …
-- match_name: EcosystemKeys.name(ecosystem_key, name): PyPI by PEP 503, CPE/NuGet/Packagist lower case.
-- New rows get both from that Java code when written.
-- withdrawn: the record's flag (rows are rewritten with their record), so that the entry counts per
-- ecosystem are one scan of an index instead of a join over every row (3 ms instead of 35-90 ms
-- for the 73k rows of the shared feeds on SQLite).
ALTER TABLE affected_packages ADD COLUMN ecosystem_key VARCHAR(128) NOT NULL DEFAULT '';
ALTER TABLE affected_packages ADD COLUMN match_name TEXT NOT NULL DEFAULT '';
ALTER TABLE affected_packages ADD COLUMN withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1));

-- Rows written before this migration: the same rules spelled in SQL. Unchanged records are never
-- rewritten by a feed load, so plain lower(name) would hide mixed-case Go, Maven or npm names
-- from the matcher for good.
-- NB: two differences from the Java rules remain, both safe to leave until the feed changes:
-- Red Hat's repository suffix (Red Hat:enterprise_linux:9::appstream) stays in the key (cutting at
-- "::" needs a vendor function), and runs of more than eight PyPI separators ("a_._-b") are not
-- collapsed to one "-". Such rows are missed by name lookups, and counted under their own key.
UPDATE affected_packages SET
    ecosystem_key = CASE
        WHEN lower(trim(ecosystem)) IN ('vendor', 'cpe') THEN 'cpe'
        -- Ubuntu:22.04:LTS is the host's ubuntu:22.04
        WHEN lower(trim(ecosystem)) LIKE 'ubuntu:%:lts'
            THEN substr(lower(trim(ecosystem)), 1, length(trim(ecosystem)) - 4)
        ELSE lower(trim(ecosystem))
    END,
    match_name = CASE
        WHEN lower(trim(ecosystem)) = 'pypi' OR lower(trim(ecosystem)) LIKE 'pypi:%'
            -- PEP 503: lower case, every run of - _ . as one -
            THEN replace(replace(replace(
                lower(replace(replace(trim(name), '_', '-'), '.', '-')), '--', '-'), '--', '-'), '--', '-')
        WHEN lower(trim(ecosystem)) IN ('vendor', 'cpe', 'nuget', 'packagist')
            OR lower(trim(ecosystem)) LIKE 'cpe:%' OR lower(trim(ecosystem)) LIKE 'nuget:%'
            OR lower(trim(ecosystem)) LIKE 'packagist:%'
            THEN lower(trim(name))
        ELSE trim(name)
    END;

UPDATE affected_packages SET withdrawn = 1 WHERE EXISTS (SELECT 1 FROM advisory_records r
    WHERE r.source = affected_packages.source AND r.id = affected_packages.id AND r.withdrawn = 1);

-- The records naming a host's packages, in the host's releases.
CREATE INDEX affected_packages_match_name ON affected_packages (match_name, ecosystem_key);
-- Entry counts per ecosystem: a covering index.
CREATE INDEX affected_packages_ecosystem_key ON affected_packages (ecosystem_key, withdrawn);
