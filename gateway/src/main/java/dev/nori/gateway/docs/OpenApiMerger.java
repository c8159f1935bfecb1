package dev.nori.gateway.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges the services' OpenAPI documents into one: every path under its service's tag,
 * components united (a component two services define differently is renamed
 * {@code <key>.<name>} in the later one, its references with it), the gateway's bearer
 * security declared, and public operations marked as needing none.
 */
final class OpenApiMerger {

	/** The extension that names the services whose documents are not included. */
	static final String MISSING = "x-nori-missing";

	private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
			"trace");

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final String title;

	private final String version;

	private final BiPredicate<String, String> isPublic;

	/**
	 * Creates a merger.
	 * @param title the merged document's title
	 * @param version the merged document's version
	 * @param isPublic tells whether an operation (method, path) needs no token
	 */
	OpenApiMerger(String title, String version, BiPredicate<String, String> isPublic) {
		this.title = title;
		this.version = version;
		this.isPublic = isPublic;
	}

	ObjectNode merge(List<ServiceDocument> documents, List<String> missing) {
		ObjectNode merged = NODES.objectNode();
		merged.put("openapi", "3.1.0");
		ObjectNode info = merged.putObject("info").put("title", this.title).put("version", this.version);
		if (!missing.isEmpty()) {
			info.put("description", "Not included, because these services did not answer: " + String.join(", ", missing)
					+ ". Reload later.");
			ArrayNode missingNode = merged.putArray(MISSING);
			missing.forEach(missingNode::add);
		}
		merged.putArray("servers").addObject().put("url", "/");
		ArrayNode tags = merged.putArray("tags");
		ObjectNode paths = merged.putObject("paths");
		ObjectNode components = merged.putObject("components");
		for (ServiceDocument service : documents) {
			tags.addObject().put("name", service.key()).put("description", "The " + service.key() + " service");
			ObjectNode document = service.document().deepCopy();
			renameConflicts(service.key(), document, components);
			mergeComponents(document.path("components"), components);
			mergePaths(service.key(), document.path("paths"), paths);
		}
		components.putObject("securitySchemes")
			.putObject("bearer")
			.put("type", "http")
			.put("scheme", "bearer")
			.put("bearerFormat", "JWT")
			.put("description", "An access token issued by auth-service (or a trusted identity provider)");
		merged.putArray("security").addObject().putArray("bearer");
		return merged;
	}

	private void mergePaths(String key, JsonNode servicePaths, ObjectNode paths) {
		for (Map.Entry<String, JsonNode> path : servicePaths.properties()) {
			ObjectNode item = (ObjectNode) path.getValue();
			for (Map.Entry<String, JsonNode> operation : item.properties()) {
				if (HTTP_METHODS.contains(operation.getKey()) && operation.getValue() instanceof ObjectNode op) {
					op.putArray("tags").add(key);
					if (this.isPublic.test(operation.getKey(), path.getKey())) {
						op.putArray("security");
					}
				}
			}
			paths.set(path.getKey(), item);
		}
	}

	private static void mergeComponents(JsonNode serviceComponents, ObjectNode components) {
		for (Map.Entry<String, JsonNode> section : serviceComponents.properties()) {
			if (section.getValue() instanceof ObjectNode entries) {
				ObjectNode target = (components.get(section.getKey()) instanceof ObjectNode existing) ? existing
						: components.putObject(section.getKey());
				entries.properties().forEach((entry) -> target.set(entry.getKey(), entry.getValue()));
			}
		}
	}

	private static void renameConflicts(String key, ObjectNode document, ObjectNode merged) {
		Map<String, String> renamed = new HashMap<>();
		JsonNode serviceComponents = document.path("components");
		for (Map.Entry<String, JsonNode> section : serviceComponents.properties()) {
			JsonNode existing = merged.path(section.getKey());
			if (!(section.getValue() instanceof ObjectNode entries)) {
				continue;
			}
			for (String name : new ArrayList<>(entries.propertyNames())) {
				JsonNode other = existing.get(name);
				if (other != null && !other.equals(entries.get(name))) {
					String newName = key + "." + name;
					entries.set(newName, entries.remove(name));
					renamed.put("#/components/" + section.getKey() + "/" + name,
							"#/components/" + section.getKey() + "/" + newName);
				}
			}
		}
		if (!renamed.isEmpty()) {
			rewriteReferences(document, renamed);
		}
	}

	private static void rewriteReferences(JsonNode node, Map<String, String> renamed) {
		if (node instanceof ObjectNode object) {
			JsonNode ref = object.get("$ref");
			if (ref != null && ref.isString() && renamed.containsKey(ref.asString())) {
				object.put("$ref", renamed.get(ref.asString()));
			}
			object.values().forEach((child) -> rewriteReferences(child, renamed));
		}
		else if (node instanceof ArrayNode array) {
			array.values().forEach((child) -> rewriteReferences(child, renamed));
		}
	}

}
