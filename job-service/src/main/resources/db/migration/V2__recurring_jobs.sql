-- Jobs enqueued on a cron schedule. Every instance ticks; a row is taken with
-- FOR UPDATE SKIP LOCKED and its job is enqueued with an idempotency key naming the tick,
-- so each tick enqueues exactly one job however many instances run.
create table recurring_jobs (
    name        text primary key,
    cron        text        not null,
    zone        text        not null,
    type        text        not null,
    queue       text        not null,
    payload     jsonb       not null,
    next_run_at timestamptz not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

create index recurring_jobs_due on recurring_jobs (next_run_at);
