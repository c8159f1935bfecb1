-- The version of each document an index holds (or last held: present = false after a
-- delete), so that an event older than what was applied changes nothing.
create table indexed_versions (
    index_name text        not null,
    doc_id     text        not null,
    version    bigint      not null,
    present    boolean     not null,
    updated_at timestamptz not null,
    primary key (index_name, doc_id)
);
