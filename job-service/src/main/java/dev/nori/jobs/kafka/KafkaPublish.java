package dev.nori.jobs.kafka;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The payload of a {@code kafka.publish} job.
 *
 * @param topic the topic
 * @param key the record key (records with one key stay in order)
 * @param value the record value: a JSON value, sent as its JSON text (a JSON string is
 * sent as the string itself)
 * @param headers record headers
 */
public record KafkaPublish(String topic, @Nullable String key, JsonNode value, @Nullable Map<String, String> headers) {
}
