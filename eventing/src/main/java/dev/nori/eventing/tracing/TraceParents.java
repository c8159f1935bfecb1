package dev.nori.eventing.tracing;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.jspecify.annotations.Nullable;

/**
 * Carries a trace across hops that HTTP instrumentation does not see: the W3C
 * {@code traceparent} of the current span is stored with what is handed on (an outbox
 * event, a job), and the work that picks it up later runs in a span continuing it. So one
 * trace follows a request through Kafka and the job queue to the webhook it causes.
 */
public final class TraceParents {

	/** The W3C header (and CloudEvents extension) name. */
	public static final String HEADER = "traceparent";

	private static final TraceParents NONE = new TraceParents(Tracer.NOOP, Propagator.NOOP);

	private final Tracer tracer;

	private final Propagator propagator;

	/**
	 * Creates trace parents over a tracer and its propagator.
	 * @param tracer the tracer
	 * @param propagator its propagator (W3C trace context)
	 */
	public TraceParents(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * Trace parents for a process without tracing: nothing is carried or continued.
	 * @return trace parents that do nothing
	 */
	public static TraceParents none() {
		return NONE;
	}

	/**
	 * Returns the {@code traceparent} of the current span.
	 * @return the current span's trace context, or {@code null} outside any span
	 */
	public @Nullable String current() {
		Span span = this.tracer.currentSpan();
		return (span != null) ? of(span) : null;
	}

	/**
	 * Returns the {@code traceparent} naming a span as the parent of what comes next.
	 * @param span the span
	 * @return its trace context, or {@code null} when tracing is off
	 */
	public @Nullable String of(Span span) {
		Map<String, String> carrier = new HashMap<>(2);
		this.propagator.inject(span.context(), carrier, Map::put);
		return carrier.get(HEADER);
	}

	/**
	 * Starts a span continuing a stored trace context; a missing or malformed one starts
	 * a new trace.
	 * @param traceparent the stored trace context
	 * @param name the span's name
	 * @param kind the span's kind
	 * @return the started span, to be ended by the caller
	 */
	public Span start(@Nullable String traceparent, String name, Span.Kind kind) {
		// nothing to extract: the propagators would look for every header they know.
		// Both builders take the current span, if any, as the parent when nothing
		// else is given
		Span.Builder builder = (traceparent != null) ? this.propagator.extract(Map.of(HEADER, traceparent), Map::get)
				: this.tracer.spanBuilder();
		return builder.name(name).kind(kind).start();
	}

	/**
	 * Runs work in a new span continuing a stored trace context, recording its failure.
	 * @param traceparent the stored trace context
	 * @param name the span's name
	 * @param kind the span's kind
	 * @param work the work
	 * @param <T> its result type
	 * @return its result
	 * @throws Exception what the work throws
	 */
	public <T> T call(@Nullable String traceparent, String name, Span.Kind kind, Callable<T> work) throws Exception {
		Span span = start(traceparent, name, kind);
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			return work.call();
		}
		catch (Exception | Error ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	/**
	 * Runs work in a new span continuing a stored trace context, recording its failure.
	 * @param traceparent the stored trace context
	 * @param name the span's name
	 * @param kind the span's kind
	 * @param work the work
	 */
	public void run(@Nullable String traceparent, String name, Span.Kind kind, Runnable work) {
		Span span = start(traceparent, name, kind);
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			work.run();
		}
		catch (RuntimeException | Error ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

}
