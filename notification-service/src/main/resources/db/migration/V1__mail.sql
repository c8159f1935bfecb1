-- Every mail the service is to send, sent, gave up on or held back: the sent-mail log.
-- One row per triggering event and recipient, so a redelivered event cannot add a second.
create table mails (
    id              uuid primary key,
    event_id        uuid,
    idempotency_key text,
    template        text        not null,
    recipient       text        not null,
    subject         text        not null,
    html            text        not null,
    text            text        not null,
    state           text        not null check (state in ('pending', 'sent', 'dead', 'suppressed')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    requested_by    text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    sent_at         timestamptz
);

create unique index mails_event on mails (event_id, recipient) where event_id is not null;
create unique index mails_idempotency on mails (requested_by, idempotency_key) where idempotency_key is not null;
create index mails_due on mails (next_attempt_at) where state = 'pending';
create index mails_state on mails (state, created_at desc);

-- Addresses no mail goes to: hard bounces, unsubscribes, or an administrator's word.
create table suppressions (
    email      text primary key,
    reason     text        not null check (reason in ('bounce', 'unsubscribe', 'manual')),
    detail     text,
    created_at timestamptz not null
);
