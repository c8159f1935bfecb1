-- Each audit record is chained to the one before it: hash = SHA-256(previous hash ||
-- canonical record), so an edited or deleted record breaks the chain from there on.
alter table audit_log add column seq bigint;
alter table audit_log add column user_agent text;
alter table audit_log add column outcome text not null default 'success';
alter table audit_log add column prev_hash bytea;
alter table audit_log add column hash bytea;
create unique index audit_log_seq on audit_log (seq);
create index audit_log_action on audit_log (action, occurred_at desc);
create index audit_log_occurred on audit_log (occurred_at desc);
