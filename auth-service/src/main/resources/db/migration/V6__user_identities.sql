-- Accounts at other identity providers (Google, GitHub, Keycloak), linked by the provider's
-- own subject: an address alone never links an account unless the provider verified it.
create table user_identities (
    provider   text        not null,
    subject    text        not null,
    user_id    uuid        not null references users (id) on delete cascade,
    email      text,
    created_at timestamptz not null,
    primary key (provider, subject)
);

create index user_identities_user on user_identities (user_id);
