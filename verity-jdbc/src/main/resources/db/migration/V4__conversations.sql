-- Conversations and their turns. A conversation is visible only to the exact principals that started it; they are
-- kept sorted, one per line ('' for an anonymous caller), so that the set round-trips without a child table.
CREATE TABLE conversations (
    id         VARCHAR(64)              NOT NULL PRIMARY KEY,
    collection VARCHAR(64)              NOT NULL,
    principals TEXT                     NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per question. The primary key makes seq unique per conversation (appends also lock the conversation row,
-- so concurrent appends queue instead of colliding) and is the (conversation_id, seq) index history reads use.
CREATE TABLE conversation_turns (
    conversation_id     VARCHAR(64)              NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq                 INTEGER                  NOT NULL,
    question            TEXT                     NOT NULL,
    standalone_question TEXT                     NOT NULL,
    condensed_by        VARCHAR(32)              NOT NULL,
    answer              TEXT                     NOT NULL,
    trace_id            VARCHAR(64)              NOT NULL,
    generator           VARCHAR(64)              NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);
