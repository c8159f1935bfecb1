-- API keys: shown once, stored as SHA-256 (256 random bits need no slow hash), scoped to a
-- subset of the owner's permissions, expiring.
create table api_keys (
    id           uuid primary key,
    user_id      uuid        not null references users (id) on delete cascade,
    name         text        not null,
    -- the first characters after nori_, so a user can tell keys apart
    hint         text        not null,
    key_hash     bytea       not null unique,
    scopes       text[]      not null,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    revoked_at   timestamptz,
    last_used_at timestamptz
);

create index api_keys_user on api_keys (user_id, created_at desc);
