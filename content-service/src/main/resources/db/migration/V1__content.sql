-- Authors as content-service knows them: from auth-service's user events and from the
-- claims of the tokens they write with. The email address never leaves the service.
create table authors (
    id           text primary key,
    display_name text        not null,
    email        text,
    updated_at   timestamptz not null
);

-- The category tree: an adjacency list walked with recursive CTEs.
create table categories (
    id          uuid primary key,
    parent_id   uuid references categories (id),
    name        text        not null,
    slug        text        not null unique,
    description text        not null default '',
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0,
    check (parent_id is distinct from id)
);

create index categories_parent on categories (parent_id);

create table articles (
    id           uuid primary key,
    -- unique across the trash too, so that a restore never collides
    slug         text        not null unique,
    title        text        not null,
    summary      text        not null default '',
    body         text        not null,
    body_html    text        not null,
    body_text    text        not null,
    tags         text[]      not null default '{}',
    category_id  uuid references categories (id),
    author_id    text        not null references authors (id),
    state        text        not null check (state in ('draft', 'published', 'archived')),
    published_at timestamptz,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    deleted_at   timestamptz,
    version      bigint      not null default 0
);

create index articles_feed on articles (published_at desc, id desc) where state = 'published' and deleted_at is null;
create index articles_category on articles (category_id) where deleted_at is null;
create index articles_author on articles (author_id, updated_at desc);
create index articles_tags on articles using gin (tags);
create index articles_trash on articles (deleted_at) where deleted_at is not null;

-- Short entries, optionally attached to an article; they go with it when it is purged.
create table posts (
    id         uuid primary key,
    article_id uuid references articles (id) on delete cascade,
    author_id  text        not null references authors (id),
    body       text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    deleted_at timestamptz,
    version    bigint      not null default 0
);

create index posts_feed on posts (created_at desc, id desc) where deleted_at is null;
create index posts_article on posts (article_id, created_at desc, id desc) where deleted_at is null;
create index posts_trash on posts (deleted_at) where deleted_at is not null;
