package dev.nori.notification.outgoing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.nori.notification.mail.MailDeliveryException;
import dev.nori.notification.mail.MailDriver;
import dev.nori.notification.mail.MailDrivers;
import dev.nori.notification.mail.MailMessage;
import dev.nori.notification.mail.MailProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Delivers pending mail through the configured driver, one attempt per claim. A failed
 * attempt waits a growing pause (with jitter) and is tried again; after the last attempt,
 * or a permanent failure, the mail is dead with its reason, and a refused recipient is
 * suppressed. A mail is marked sent right after the driver returns: a crash between the
 * two is the one way a mail goes out twice.
 */
@Component
public class MailDelivery implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

	private final Mails mails;

	private final Suppressions suppressions;

	private final MailDriver driver;

	private final MailProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Semaphore wakeUps = new Semaphore(0);

	private volatile boolean running;

	private @Nullable Thread loop;

	MailDelivery(Mails mails, Suppressions suppressions, MailDrivers drivers, MailProperties properties, Clock clock,
			MeterRegistry meters) {
		this.mails = mails;
		this.suppressions = suppressions;
		this.driver = drivers.selected();
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		// every outcome is reported from the start: a dashboard sees zero, not nothing
		List.of("sent", "retried", "dead", "suppressed").forEach((outcome) -> counter(outcome));
	}

	/** Looks for due mail now rather than at the next poll. */
	public void wake() {
		if (this.wakeUps.availablePermits() == 0) {
			this.wakeUps.release();
		}
	}

	@Override
	public void start() {
		this.running = true;
		this.loop = Thread.ofVirtual().name("mail-sender").start(this::run);
		log.info("Mail goes out through the {} driver", this.driver.name());
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.loop != null) {
			this.loop.interrupt();
			try {
				this.loop.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void run() {
		MailProperties.Delivery delivery = this.properties.delivery();
		while (this.running) {
			try {
				int sent = sendDue();
				if (sent < delivery.batchSize()) {
					this.wakeUps.tryAcquire(delivery.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
					this.wakeUps.drainPermits();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Sending mail failed, trying again shortly: {}", ex.getMessage());
				sleep(delivery.pollInterval());
			}
		}
	}

	/**
	 * Makes one attempt at every due mail (a batch at most).
	 * @return how many were claimed
	 */
	int sendDue() {
		MailProperties.Delivery delivery = this.properties.delivery();
		List<OutgoingMail> due = this.mails.claimDue(delivery.batchSize(), this.clock.instant(), delivery.lease());
		due.forEach(this::attempt);
		return due.size();
	}

	private void attempt(OutgoingMail mail) {
		if (this.suppressions.contains(mail.recipient())) {
			this.mails.finish(mail.id(), MailState.SUPPRESSED, null, this.clock.instant());
			count("suppressed");
			return;
		}
		try {
			this.driver.send(new MailMessage(mail.id(), this.properties.from(), mail.recipient(), mail.subject(),
					mail.html(), mail.text()));
			this.mails.sent(mail.id(), this.clock.instant());
			count("sent");
		}
		catch (MailDeliveryException ex) {
			failed(mail, ex);
		}
	}

	private void failed(OutgoingMail mail, MailDeliveryException failure) {
		Instant now = this.clock.instant();
		MailProperties.Delivery delivery = this.properties.delivery();
		String reason = failure.getMessage();
		if (failure.isPermanent()) {
			this.mails.finish(mail.id(), MailState.DEAD, "permanent: " + reason, now);
			this.suppressions.add(mail.recipient(), "bounce", reason, now);
			log.warn("Mail {} to {} refused for good, address suppressed: {}", mail.id(), mail.recipient(), reason);
			count("dead");
		}
		else if (mail.attempts() >= delivery.maxAttempts()) {
			this.mails.finish(mail.id(), MailState.DEAD, reason, now);
			log.warn("Mail {} to {} is dead after {} attempts: {}", mail.id(), mail.recipient(), mail.attempts(),
					reason);
			count("dead");
		}
		else {
			Duration pause = backoff(mail.attempts(), delivery);
			this.mails.retryAt(mail.id(), reason, now.plus(pause), now);
			log.info("Mail {} attempt {} failed, next in {} ms: {}", mail.id(), mail.attempts(), pause.toMillis(),
					reason);
			count("retried");
		}
	}

	static Duration backoff(int attempts, MailProperties.Delivery delivery) {
		double millis = delivery.initialBackoff().toMillis() * Math.pow(2, Math.max(0, attempts - 1));
		double capped = Math.min(millis, delivery.maxBackoff().toMillis());
		// ±20 %, so that mail failed together does not come back together
		return Duration.ofMillis((long) (capped * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
	}

	private void count(String outcome) {
		counter(outcome).increment();
	}

	private Counter counter(String outcome) {
		return Counter.builder("nori.notifications.mail")
			.description("Mail delivery attempts by outcome")
			.tag("outcome", outcome)
			.register(this.meters);
	}

	private static void sleep(Duration pause) {
		try {
			Thread.sleep(pause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public int getPhase() {
		// stops before the data source
		return SmartLifecycle.DEFAULT_PHASE - 100;
	}

}
