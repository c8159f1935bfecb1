-- Receivers of signed webhooks, each owned by the user who registered it.
create table webhook_endpoints (
    id                   uuid primary key,
    owner_id             text        not null,
    owner_email          text,
    owner_admin          boolean     not null,
    url                  text        not null,
    event_types          text[]      not null,
    secret               text        not null,
    enabled              boolean     not null default true,
    consecutive_failures integer     not null default 0,
    disabled_reason      text,
    created_at           timestamptz not null,
    updated_at           timestamptz not null
);

create index webhook_endpoints_owner on webhook_endpoints (owner_id, created_at);
create index webhook_endpoints_types on webhook_endpoints using gin (event_types) where enabled;

-- One row per event sent to an endpoint (and per manual redelivery): its http job's fate.
create table webhook_deliveries (
    id             uuid primary key,
    endpoint_id    uuid        not null references webhook_endpoints (id) on delete cascade,
    event_id       uuid        not null,
    event_type     text        not null,
    message_id     text        not null,
    body           text        not null,
    redelivery_of  uuid,
    state          text        not null check (state in ('pending', 'retrying', 'succeeded', 'dead')),
    attempts       integer     not null default 0,
    last_error     text,
    latency_ms     bigint,
    job_id         uuid,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);

create unique index webhook_deliveries_once on webhook_deliveries (endpoint_id, event_id) where redelivery_of is null;
create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, created_at desc);
