-- Uploaded files. A row is written before the bytes land in quarantine, so that an upload
-- cut off by a crash is found and removed; only 'ready' rows are ever served.
create table uploads (
    id           uuid primary key,
    owner_id     text        not null,
    article_id   uuid references articles (id) on delete cascade,
    file_name    text        not null,
    content_type text        not null,
    size_bytes   bigint      not null default 0,
    width        integer,
    height       integer,
    storage_key  text        not null,
    state        text        not null check (state in ('quarantined', 'ready')),
    created_at   timestamptz not null
);

create index uploads_owner on uploads (owner_id, created_at desc);
create index uploads_article on uploads (article_id) where article_id is not null;
create index uploads_quarantined on uploads (created_at) where state = 'quarantined';

-- Bytes each user stores, changed only by conditional updates so that concurrent uploads
-- never take a user over the quota.
create table upload_usage (
    owner_id text primary key,
    bytes    bigint not null check (bytes >= 0)
);
