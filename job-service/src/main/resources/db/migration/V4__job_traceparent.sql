-- the W3C trace context of whoever enqueued the job: its attempts continue that trace
alter table jobs add column traceparent text;
