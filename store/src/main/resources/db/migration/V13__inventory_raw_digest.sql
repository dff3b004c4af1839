-- The raw input an inventory revision was parsed from (issue 11): SHA-256 (hex) of an imported asset's
-- asset-list entry and folder files (names and bytes). A re-import whose input has the same digest
-- skips parsing. NULL when unknown: a scan, or a revision stored before this migration.
ALTER TABLE inventories ADD COLUMN raw_digest VARCHAR(64);
