-- When the current (or last) attempt started: enqueue-to-start latency, and what a
-- dashboard shows of running jobs.
alter table jobs add column started_at timestamptz;
