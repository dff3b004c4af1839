-- Server access (issue 13): users with a role, teams, memberships, API tokens and browser sessions.
-- Tokens and session ids are stored as SHA-256 hex digests only; passwords as Argon2id hashes.
CREATE TABLE teams (
    name       VARCHAR(64)  NOT NULL PRIMARY KEY,
    created_at VARCHAR(32)  NOT NULL
);

CREATE TABLE users (
    name          VARCHAR(64)  NOT NULL PRIMARY KEY,
    role          VARCHAR(16)  NOT NULL CHECK (role IN ('admin', 'analyst', 'approver', 'viewer')),
    password_hash TEXT,
    created_at    VARCHAR(32)  NOT NULL
);

CREATE TABLE memberships (
    user_name VARCHAR(64) NOT NULL REFERENCES users (name),
    team_name VARCHAR(64) NOT NULL REFERENCES teams (name),
    PRIMARY KEY (user_name, team_name)
);

CREATE TABLE api_tokens (
    token_hash VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_name  VARCHAR(64)  NOT NULL REFERENCES users (name),
    label      VARCHAR(255) NOT NULL,
    created_at VARCHAR(32)  NOT NULL
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_name);

CREATE TABLE sessions (
    id_hash    VARCHAR(64) NOT NULL PRIMARY KEY,
    user_name  VARCHAR(64) NOT NULL REFERENCES users (name),
    csrf_token VARCHAR(64) NOT NULL,
    expires    VARCHAR(32) NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires);
