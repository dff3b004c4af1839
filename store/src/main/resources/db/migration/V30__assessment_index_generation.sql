-- The assessment index's generation (issue 13, Load): a number raised in the same transaction as
-- every write to assessment_index or its basis. A server keeps rendered findings pages under the
-- generation they were read at, so a page is served again without reading the index for as long as
-- the number has not moved; a write by any process sharing the database moves it.
CREATE TABLE assessment_index_generation (
    id          INTEGER NOT NULL PRIMARY KEY,
    generation  BIGINT  NOT NULL
);
INSERT INTO assessment_index_generation (id, generation) VALUES (1, 0);
