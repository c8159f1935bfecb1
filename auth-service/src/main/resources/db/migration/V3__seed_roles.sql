-- The roles every installation starts with. Administrators change them through the API.
insert into roles (name, description) values
    ('admin', 'Manages users, roles, keys and everything else'),
    ('editor', 'Edits and publishes anyone''s content'),
    ('author', 'Writes and edits their own drafts'),
    ('user', 'A registered user');

insert into role_permissions (role, permission) values
    ('admin', 'users.manage'), ('admin', 'roles.manage'), ('admin', 'audit.read'),
    ('admin', 'api-keys.create'), ('admin', 'articles.create'), ('admin', 'articles.edit'),
    ('admin', 'articles.edit-any'), ('admin', 'articles.publish'), ('admin', 'articles.delete'),
    ('admin', 'categories.manage'), ('admin', 'jobs.enqueue'), ('admin', 'jobs.manage'),
    ('admin', 'search.index'), ('admin', 'notifications.manage'),
    ('editor', 'articles.create'), ('editor', 'articles.edit'), ('editor', 'articles.edit-any'),
    ('editor', 'articles.publish'), ('editor', 'articles.delete'), ('editor', 'categories.manage'),
    ('author', 'articles.create'), ('author', 'articles.edit'),
    ('user', 'profile.edit');
