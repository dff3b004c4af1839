-- Findings carry a user's "not affected" mark; inventories carry a hash of their content.
-- Same portability rules as V1-V4: ISO-8601 text for instants, no vendor types.

-- A user's statement that a finding does not affect its asset (VEX not_affected), with who and when.
-- not_affected_at is NULL while the finding is unmarked. The lifecycle never writes these columns,
-- so a mark outlives rescans, re-matches and the finding closing and coming back.
ALTER TABLE findings ADD COLUMN not_affected_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN not_affected_by VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE findings ADD COLUMN not_affected_at VARCHAR(32);

-- SHA-256 (hex) of the revision's OS and packages (org.patchwarden.inventory.InventoryContent), so
-- that recording an unchanged inventory adds no revision. '' for revisions stored before this
-- migration: the store computes theirs from their packages when it needs it.
ALTER TABLE inventories ADD COLUMN content_hash VARCHAR(64) NOT NULL DEFAULT '';
