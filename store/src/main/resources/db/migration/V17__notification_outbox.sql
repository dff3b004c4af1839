-- Notifications (issue 15): the outbox holds one delivery per event and channel. The primary key
-- keeps an event from being queued (and so sent) twice; a delivery ends SENT or DEAD (a dead letter
-- after its last allowed attempt). Times are fixed-width UTC text (SqlTime), so text order is time order.
CREATE TABLE notification_outbox (
    event_key       VARCHAR(512) NOT NULL,
    channel         VARCHAR(64)  NOT NULL,
    kind            VARCHAR(32)  NOT NULL,
    subject         TEXT         NOT NULL,
    body            TEXT         NOT NULL,
    facts           TEXT         NOT NULL,
    raised_at       VARCHAR(32)  NOT NULL,
    status          VARCHAR(16)  NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
    attempts        INTEGER      NOT NULL,
    next_attempt_at VARCHAR(32)  NOT NULL,
    claimed_until   VARCHAR(32),
    last_error      TEXT         NOT NULL,
    done_at         VARCHAR(32),
    PRIMARY KEY (event_key, channel)
);

CREATE INDEX notification_outbox_due ON notification_outbox (status, next_attempt_at);
