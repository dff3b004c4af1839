-- Issue 11: two of the findings indexes hold only the rows their lookups can want, so that a fleet
-- import, which inserts ~90 findings per host, writes fewer index entries.
--
-- findings_status held every finding by status; a lookup of open findings reads them by asset (the
-- primary key) or all of them, so only the closed ones (FIXED, RETRACTED) need the index. The
-- listing by a closed status says "status <> 'OPEN'" too, so that SQLite sees the index applies.
DROP INDEX findings_status;
CREATE INDEX findings_closed ON findings (status, asset_name) WHERE status <> 'OPEN';
-- findings_matched_name served "findings --package NAME" for the findings matched under another
-- name (a Debian binary package under its source package's name); one matched under its own name
-- is found by findings_package.
DROP INDEX findings_matched_name;
CREATE INDEX findings_matched_name ON findings (matched_name) WHERE matched_name <> package_name;
