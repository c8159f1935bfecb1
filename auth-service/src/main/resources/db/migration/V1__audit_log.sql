-- The audit trail of every service, fed by nori.audit events.
create table audit_log (
    event_id    uuid primary key,
    service     text        not null,
    action      text        not null,
    target      text        not null,
    actor       text,
    client_ip   text,
    request_id  text,
    details     jsonb       not null default '{}'::jsonb,
    occurred_at timestamptz not null,
    recorded_at timestamptz not null default now()
);

create index audit_log_target on audit_log (target, occurred_at desc);
create index audit_log_actor on audit_log (actor, occurred_at desc) where actor is not null;
