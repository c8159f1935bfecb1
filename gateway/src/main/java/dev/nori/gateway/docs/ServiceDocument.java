package dev.nori.gateway.docs;

import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document one service published.
 *
 * @param key the service's route key
 * @param document the document as fetched
 */
record ServiceDocument(String key, ObjectNode document) {
}
