-- Every index a job's update touches costs each claim and each success an index entry
-- (a state change is never a HOT update). jobs_state indexed every job twice for queries
-- that read most of the table anyway (counts by queue and state); what is looked up by
-- state is served by the partial indexes: jobs_ready (waiting), jobs_leases (running) and
-- this one for failures, which a successful job never enters. Without jobs_state the
-- planner also cannot prefer it to jobs_ready for claims while statistics are stale.
drop index jobs_state;
create index jobs_failed on jobs (updated_at) where state in ('retrying', 'dead');
