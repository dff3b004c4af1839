-- Each inventory revision's packages as one encoded value (issue 11; layout in PackageLists.java):
-- a 1,000-host import inserted 276,000 installed_packages rows one by one, the largest part of its
-- store writes, where one row per revision does. Packages are only ever read by asset and
-- revision, whole. V19_1 (PackageListMigration, Java: the encoding is Java's) moves the rows of
-- installed_packages here; that table stays, empty, for builds that still read it.
-- BYTEA: PostgreSQL's binary type; SQLite keeps a blob value in a column of any declared type.
CREATE TABLE inventory_packages (
    asset_name    VARCHAR(255) NOT NULL,
    revision      INTEGER      NOT NULL,
    package_count INTEGER      NOT NULL,
    packages      BYTEA        NOT NULL,
    PRIMARY KEY (asset_name, revision),
    FOREIGN KEY (asset_name, revision) REFERENCES inventories (asset_name, revision) ON DELETE CASCADE
);
