package dev.nori.jobs.worker;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import dev.nori.jobs.config.JobProperties;
import dev.nori.jobs.handler.JobHandlers;
import dev.nori.jobs.queue.Backoff;
import dev.nori.jobs.queue.JobQueue;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

import dev.nori.eventing.tracing.TraceParents;

@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

	@Bean
	Backoff backoff(JobProperties properties) {
		return new Backoff(properties.retry(), () -> ThreadLocalRandom.current().nextDouble());
	}

	@Bean
	Worker worker(JobQueue queue, Completions completions, JobHandlers handlers, TransactionTemplate transactions,
			DataSource dataSource, JobProperties properties, Clock clock, TraceParents traces) {
		return new Worker(queue, completions, handlers, transactions, dataSource, properties, clock, traces);
	}

}
