-- The queue. A job is ready when its state is scheduled, available or retrying and its
-- run_at has come; a worker claims it (SKIP LOCKED), holds a lease it renews, and only the
-- holder of the current lease token may finish it.
create table jobs (
    id               uuid primary key,
    type             text        not null,
    queue            text        not null,
    payload          jsonb       not null,
    priority         integer     not null default 0,
    state            text        not null check (state in
                       ('scheduled', 'available', 'running', 'succeeded', 'retrying', 'dead', 'cancelled')),
    run_at           timestamptz not null,
    attempts         integer     not null default 0,
    max_attempts     integer     not null,
    timeout_ms       bigint      not null,
    idempotency_key  text,
    enqueued_by      text,
    lease_token      uuid,
    lease_expires_at timestamptz,
    worker           text,
    last_error       text,
    errors           jsonb       not null default '[]'::jsonb,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    finished_at      timestamptz
);

create unique index jobs_idempotency on jobs (type, idempotency_key) where idempotency_key is not null;
create index jobs_ready on jobs (queue, priority desc, run_at, id) where state in ('scheduled', 'available', 'retrying');
create index jobs_leases on jobs (lease_expires_at) where state = 'running';
create index jobs_state on jobs (state, type, queue);
