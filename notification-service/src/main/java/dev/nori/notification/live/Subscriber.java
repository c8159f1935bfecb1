package dev.nori.notification.live;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One connected client: what it subscribed to, and a bounded queue of what it has yet to
 * receive. Whoever publishes never waits for a client: when the queue is full the client
 * is marked too slow, and its connection ends once the frame it is writing is done. The
 * subscription also ends when the client's token expires or is revoked: a stream is not a
 * way to keep reading after access was cut.
 */
public final class Subscriber {

	/** The close reason of a subscription whose token expired. */
	public static final String TOKEN_EXPIRED = "token expired";

	/** The close reason of a subscription whose token was revoked. */
	public static final String TOKEN_REVOKED = "token revoked";

	/** How the close reason of a subscription that fell too far behind begins. */
	public static final String TOO_SLOW = "too slow";

	private static final Object HEARTBEAT = new Object();

	private final Viewer viewer;

	private final Set<String> types = ConcurrentHashMap.newKeySet();

	private final BlockingQueue<Object> outgoing;

	private final @Nullable Instant until;

	private final @Nullable String sessionId;

	private final @Nullable Instant issuedAt;

	private final Clock clock;

	private volatile @Nullable String closeReason;

	Subscriber(Viewer viewer, int buffer, @Nullable Instant until, @Nullable String sessionId,
			@Nullable Instant issuedAt, Clock clock) {
		this.viewer = viewer;
		this.outgoing = new ArrayBlockingQueue<>(buffer);
		this.until = until;
		this.sessionId = sessionId;
		this.issuedAt = issuedAt;
		this.clock = clock;
	}

	/**
	 * Returns who is watching.
	 * @return the viewer
	 */
	public Viewer viewer() {
		return this.viewer;
	}

	/**
	 * Returns the subscribed types.
	 * @return a live view of the type names
	 */
	public Set<String> types() {
		return this.types;
	}

	boolean isCutOffBy(TokenRevocation revocation) {
		return revocation.cutsOff(this.viewer, this.sessionId, this.issuedAt);
	}

	boolean wants(LiveEvent event) {
		return this.types.contains(event.type()) && this.viewer.maySee(event);
	}

	/**
	 * Queues a frame (an event, or a reply) without waiting.
	 * @param frame the JSON to send
	 * @return whether it fit; when it did not, the subscriber is now closing
	 */
	public boolean offer(String frame) {
		return enqueue(frame);
	}

	boolean offer(LiveEvent event) {
		return enqueue(event);
	}

	private boolean enqueue(Object frame) {
		if (this.closeReason != null) {
			return false;
		}
		if (!this.outgoing.offer(frame)) {
			close(TOO_SLOW + ": more than " + this.outgoing.size() + " frames unread");
			return false;
		}
		return true;
	}

	/**
	 * Ends the subscription; the sender loop returns once its current write is done.
	 * @param reason why
	 */
	public void close(String reason) {
		if (this.closeReason == null) {
			this.closeReason = reason;
		}
		// wakes a sender waiting for the next frame
		this.outgoing.offer(HEARTBEAT);
	}

	/**
	 * Returns why the subscription ended, if it has.
	 * @return the reason, or {@code null} while open
	 */
	public @Nullable String closeReason() {
		return this.closeReason;
	}

	/**
	 * Returns whether the subscription ended because the client fell too far behind, and
	 * not because it left or its token ran out.
	 * @return whether it was too slow
	 */
	public boolean fellBehind() {
		String reason = this.closeReason;
		return reason != null && reason.startsWith(TOO_SLOW);
	}

	/**
	 * Sends queued frames until the subscription ends or a write fails: the loop each
	 * connection's thread runs. Idle for a heartbeat interval, it sends a heartbeat.
	 * @param connection where frames go
	 * @param heartbeat the heartbeat interval
	 * @throws InterruptedException when the thread is interrupted
	 */
	public void deliver(Connection connection, Duration heartbeat) throws InterruptedException {
		try {
			while (this.closeReason == null) {
				long wait = heartbeat.toMillis();
				if (this.until != null) {
					long left = Duration.between(this.clock.instant(), this.until).toMillis();
					if (left <= 0) {
						close(TOKEN_EXPIRED);
						return;
					}
					wait = Math.min(wait, left);
				}
				Object next = this.outgoing.poll(wait, TimeUnit.MILLISECONDS);
				if (this.closeReason != null) {
					return;
				}
				if (next == null && this.until != null && !this.clock.instant().isBefore(this.until)) {
					continue;
				}
				if (next == null || next == HEARTBEAT) {
					connection.heartbeat();
				}
				else if (next instanceof LiveEvent event) {
					connection.event(event);
				}
				else {
					connection.reply((String) next);
				}
			}
		}
		catch (IOException ex) {
			close("connection lost: " + ex.getMessage());
		}
	}

	/**
	 * How frames reach one client: an SSE response or a WebSocket session.
	 */
	public interface Connection {

		/**
		 * Writes an event.
		 * @param event the event
		 * @throws IOException when the client is gone
		 */
		void event(LiveEvent event) throws IOException;

		/**
		 * Writes a reply to something the client sent.
		 * @param json the reply
		 * @throws IOException when the client is gone
		 */
		void reply(String json) throws IOException;

		/**
		 * Writes a heartbeat.
		 * @throws IOException when the client is gone
		 */
		void heartbeat() throws IOException;

	}

}
