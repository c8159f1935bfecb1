package dev.nori.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nori.testsupport.TestHttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * An OTLP/HTTP trace receiver (protobuf, as the services' exporters send it) that keeps
 * every span it is sent, in place of an OpenTelemetry collector.
 */
final class OtlpTraceReceiver implements AutoCloseable {

	private static final HexFormat HEX = HexFormat.of();

	private final ConcurrentLinkedQueue<ReceivedSpan> spans = new ConcurrentLinkedQueue<>();

	private final HttpServer server;

	private OtlpTraceReceiver() {
		this.server = TestHttpServer.start(this::receive);
	}

	static OtlpTraceReceiver start() {
		return new OtlpTraceReceiver();
	}

	/**
	 * The endpoint a service's
	 * {@code management.opentelemetry.tracing.export.otlp.endpoint} names.
	 */
	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	List<ReceivedSpan> trace(String traceId) {
		return this.spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())
					|| !"/v1/traces".equals(exchange.getRequestURI().getPath())) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			InputStream body = exchange.getRequestBody();
			if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
				body = new GZIPInputStream(body);
			}
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
			for (ResourceSpans resource : request.getResourceSpansList()) {
				String service = attributes(resource.getResource().getAttributesList()).getOrDefault("service.name",
						"?");
				for (ScopeSpans scope : resource.getScopeSpansList()) {
					for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
						this.spans.add(new ReceivedSpan(service, HEX.formatHex(span.getTraceId().toByteArray()),
								HEX.formatHex(span.getSpanId().toByteArray()),
								HEX.formatHex(span.getParentSpanId().toByteArray()), span.getName(),
								span.getKind().name(), attributes(span.getAttributesList())));
					}
				}
			}
			byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, (response.length > 0) ? response.length : -1);
			if (response.length > 0) {
				exchange.getResponseBody().write(response);
			}
		}
	}

	private static Map<String, String> attributes(List<KeyValue> attributes) {
		return attributes.stream()
			.collect(Collectors.toMap(KeyValue::getKey, (attribute) -> attribute.getValue().getStringValue(),
					(first, second) -> first));
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One span as exported.
	 *
	 * @param service the exporting service's {@code service.name}
	 * @param traceId the trace, in hex
	 * @param spanId the span, in hex
	 * @param parentSpanId its parent in hex, empty for a root span
	 * @param name its name
	 * @param kind its kind ({@code SPAN_KIND_SERVER}, …)
	 * @param attributes its string attributes
	 */
	record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
			Map<String, String> attributes) {
	}

}
