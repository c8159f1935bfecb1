-- Changes applied to the content index but not yet durable in the engine (Lucene commits
-- every second or so, not for every consumer batch): written in the batch's transaction,
-- replayed at start after a crash, forgotten once the engine committed them.
create table index_journal (
    seq        bigserial   primary key,
    index_name text        not null,
    doc_id     text        not null,
    version    bigint      not null,
    -- the document as JSON; null when the change removed it
    document   text,
    recorded_at timestamptz not null default now()
);
