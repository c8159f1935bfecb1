-- Accounts, roles and permissions, single-use tokens, login sessions with their refresh
-- tokens, and the signing keys of access tokens.
create table users (
    id                  uuid primary key,
    email               text        not null,
    -- lower-cased: case variants of an address are one account
    email_key           text        not null unique,
    display_name        text        not null,
    password_hash       text,
    email_verified      boolean     not null default false,
    disabled            boolean     not null default false,
    -- tokens issued before this instant are revoked (logout everywhere, password change)
    tokens_valid_after  timestamptz,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);

create table roles (
    name        text primary key,
    description text        not null default '',
    created_at  timestamptz not null default now()
);

create table role_permissions (
    role       text not null references roles (name) on delete cascade,
    permission text not null,
    primary key (role, permission)
);

create table user_roles (
    user_id uuid not null references users (id) on delete cascade,
    role    text not null references roles (name) on delete cascade,
    primary key (user_id, role)
);

create index user_roles_role on user_roles (role);

-- email verification and password reset tokens, stored as SHA-256 of the token
create table one_time_tokens (
    token_hash bytea primary key,
    purpose    text        not null,
    user_id    uuid        not null references users (id) on delete cascade,
    expires_at timestamptz not null,
    used_at    timestamptz,
    created_at timestamptz not null
);

create index one_time_tokens_user on one_time_tokens (user_id, purpose);

-- one row per login on a device: the refresh-token family
create table sessions (
    id             uuid primary key,
    user_id        uuid        not null references users (id) on delete cascade,
    user_agent     text,
    client_ip      text,
    created_at     timestamptz not null,
    last_used_at   timestamptz not null,
    -- absolute end: refreshing never extends a session past it
    expires_at     timestamptz not null,
    revoked_at     timestamptz,
    revoked_reason text
);

create index sessions_user on sessions (user_id) where revoked_at is null;

create table refresh_tokens (
    token_hash        bytea primary key,
    session_id        uuid        not null references sessions (id) on delete cascade,
    issued_at         timestamptz not null,
    expires_at        timestamptz not null,
    used_at           timestamptz,
    -- the access token issued with it, so that revoking the session revokes it too
    access_token_id   uuid        not null,
    access_expires_at timestamptz not null
);

create index refresh_tokens_session on refresh_tokens (session_id);

create table signing_keys (
    kid          text primary key,
    private_key  bytea       not null,
    public_key   bytea       not null,
    created_at   timestamptz not null,
    -- published from created_at; signs from activates_at; published until retires_at
    activates_at timestamptz not null,
    retires_at   timestamptz
);
