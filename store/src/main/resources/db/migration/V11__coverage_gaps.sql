-- What no loaded data covered when an inventory revision was matched (issue 10 item 6), kept so that
-- later listings show the asset as "no data" instead of clean. A re-match of the revision replaces
-- its rows; position keeps the order the matcher reported them in.
CREATE TABLE coverage_gaps (
    asset_name         VARCHAR(255) NOT NULL,
    revision           INTEGER      NOT NULL,
    position           INTEGER      NOT NULL,
    advisory_ecosystem VARCHAR(255) NOT NULL,
    packages           INTEGER      NOT NULL,
    reason             TEXT         NOT NULL,
    PRIMARY KEY (asset_name, revision, position),
    FOREIGN KEY (asset_name, revision) REFERENCES inventories (asset_name, revision) ON DELETE CASCADE
);
