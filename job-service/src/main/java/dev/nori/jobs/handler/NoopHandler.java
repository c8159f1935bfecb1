package dev.nori.jobs.handler;

import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * {@code noop}: does nothing and succeeds. For trying the queue and measuring it.
 */
@Component
class NoopHandler implements JobHandler<Map> {

	@Override
	public String type() {
		return "noop";
	}

	@Override
	public Class<Map> payloadType() {
		return Map.class;
	}

	@Override
	public void handle(Map payload, JobContext context) {
	}

}
