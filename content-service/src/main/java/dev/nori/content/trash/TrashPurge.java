package dev.nori.content.trash;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.nori.content.config.ContentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes for good what has been in the trash longer than the retention. Deletes are
 * idempotent, so instances running it at the same time do no harm. (A recurring
 * job-service job replaces this schedule once job-service runs recurring jobs.)
 */
@Component
public class TrashPurge {

	private static final Logger log = LoggerFactory.getLogger(TrashPurge.class);

	private final JdbcClient jdbc;

	private final ContentProperties.Trash properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	TrashPurge(JdbcClient jdbc, ContentProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.properties = properties.trash();
		this.clock = clock;
	}

	/**
	 * Purges expired trash.
	 * @return how many articles and posts were deleted
	 */
	@Scheduled(initialDelayString = "${nori.content.trash.purge-interval:1h}",
			fixedDelayString = "${nori.content.trash.purge-interval:1h}")
	@Transactional
	public Purged purge() {
		Timestamp cutOff = Timestamp.from(this.clock.instant().minus(this.properties.retention()));
		// posts of purged articles go with them (on delete cascade) and are counted here
		int posts = this.jdbc
			.sql("delete from posts where deleted_at < ? or article_id in "
					+ "(select id from articles where deleted_at < ?)")
			.params(cutOff, cutOff)
			.update();
		List<UUID> expired = this.jdbc.sql("select id from articles where deleted_at < ? for update")
			.param(cutOff)
			.query(UUID.class)
			.list();
		if (!expired.isEmpty()) {
			this.events.publishEvent(new ArticlesPurging(expired));
		}
		int articles = this.jdbc.sql("delete from articles where id = any(?)")
			.param(expired.toArray(UUID[]::new))
			.update();
		if (articles > 0 || posts > 0) {
			log.info("Purged {} articles and {} posts deleted before {}", articles, posts,
					Instant.ofEpochMilli(cutOff.getTime()));
		}
		return new Purged(articles, posts);
	}

	/**
	 * What one purge deleted.
	 *
	 * @param articles articles deleted
	 * @param posts posts deleted
	 */
	public record Purged(int articles, int posts) {
	}

}
