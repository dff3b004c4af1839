-- findings_package and findings_advisory gain asset_name as their second column (issue 11, PostgreSQL).
-- PostgreSQL checks each finding_aliases row's foreign key with a lookup of the finding's five key
-- columns, planned once per session. On a table never analyzed (a new database's first import)
-- the planner could not tell the primary key from a one-column index on package_name or advisory_id
-- and picked the latter: every check then read that package's findings on every host imported so
-- far, and a 1,000-host first import spent 30 s of server CPU in 142 million index reads. With the
-- asset in the index, whichever index such a plan picks reads one asset's rows. Queries by package
-- or advisory alone (findings --package, re-matches by advisory) still use the leading column.
DROP INDEX findings_package;
CREATE INDEX findings_package ON findings (package_name, asset_name);
DROP INDEX findings_advisory;
CREATE INDEX findings_advisory ON findings (advisory_id, asset_name);
