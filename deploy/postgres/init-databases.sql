-- One database per service, created when the PostgreSQL volume is first initialized.
-- (Each service also creates its own database when missing; this keeps the server ready
-- for tools and restores.)
create database nori_auth;
create database nori_content;
create database nori_jobs;
create database nori_notification;
create database nori_search;
