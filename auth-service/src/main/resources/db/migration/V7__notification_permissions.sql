-- notification-service's send API (services and machine clients) and webhook endpoints.
insert into role_permissions (role, permission) values
    ('admin', 'notifications.send'), ('admin', 'webhooks.manage')
on conflict do nothing;
