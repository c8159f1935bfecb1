package dev.nori.jobs.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.nori.eventing.kafka.EventingKafka;
import dev.nori.jobs.handler.JobContext;
import dev.nori.jobs.handler.JobHandler;
import org.apache.kafka.clients.producer.ProducerRecord;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * {@code kafka.publish}: sends one record and succeeds when the brokers acknowledge it.
 * Nori's own topics ({@code nori.*}) and Kafka's internal ones are refused: domain events
 * are published only by the services that own them, through their outboxes.
 */
@Component
class KafkaPublishHandler implements JobHandler<KafkaPublish> {

	private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

	private final EventingKafka kafka;

	private final JsonMapper json;

	KafkaPublishHandler(EventingKafka kafka, JsonMapper json) {
		this.kafka = kafka;
		this.json = json;
	}

	@Override
	public String type() {
		return "kafka.publish";
	}

	@Override
	public Class<KafkaPublish> payloadType() {
		return KafkaPublish.class;
	}

	@Override
	public List<String> validate(KafkaPublish job) {
		List<String> problems = new ArrayList<>();
		if (job.topic() == null || !TOPIC.matcher(job.topic()).matches()) {
			problems.add("topic must be 1 to 249 letters, digits, dots, hyphens or underscores");
		}
		else if (job.topic().startsWith("nori.") || job.topic().startsWith("__")) {
			problems.add("topic must not be one of Nori's own or Kafka's internal topics");
		}
		if (job.value() == null) {
			problems.add("value is required");
		}
		return problems;
	}

	@Override
	public void handle(KafkaPublish job, JobContext context) throws Exception {
		String text = job.value().isString() ? job.value().asString() : this.json.writeValueAsString(job.value());
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(job.topic(), job.key(),
				text.getBytes(StandardCharsets.UTF_8));
		if (job.headers() != null) {
			job.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		}
		this.kafka.template().send(record).get(30, TimeUnit.SECONDS);
	}

}
