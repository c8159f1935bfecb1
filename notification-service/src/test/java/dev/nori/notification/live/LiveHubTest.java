package dev.nori.notification.live;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.nori.servicedefaults.security.ResourceServerProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.TestingAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;

/** Which clients the hub counts as dropped: only those that fell behind. */
class LiveHubTest {

	private static final String TYPE = "content.article.published";

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final LiveHub hub = new LiveHub(
			new LiveProperties(Duration.ofSeconds(15), 2, Duration.ofMinutes(5), 100, Duration.ofSeconds(10), 10,
					List.of()),
			new ResourceServerProperties("http://auth.test", "http://auth.test/jwks", "nori", "access",
					Duration.ofSeconds(30), List.of(), "nori:permissions:", Duration.ofSeconds(1), java.util.Map.of()),
			Clock.systemUTC(), this.meters);

	@Test
	void aClientThatFallsBehindItsBufferIsDroppedAndCounted() {
		Subscriber leaving = subscribe();
		Subscriber stalled = subscribe();
		publish();
		publish();
		assertThat(this.hub.droppedClients()).isZero();

		leaving.close("disconnected");
		publish();

		assertThat(stalled.fellBehind()).isTrue();
		assertThat(stalled.closeReason()).startsWith(Subscriber.TOO_SLOW);
		assertThat(this.hub.droppedClients()).isEqualTo(1);
		assertThat(this.meters.counter("nori.notifications.live.dropped").count()).isEqualTo(1);
		assertThat(this.hub.connected()).isZero();
	}

	@Test
	void aClientThatLeftOrWhoseTokenRanOutIsNotCountedAsDropped() {
		Subscriber left = subscribe();
		Subscriber expired = subscribe();
		left.close("connection lost: Broken pipe");
		expired.close(Subscriber.TOKEN_EXPIRED);

		publish();

		assertThat(left.fellBehind()).isFalse();
		assertThat(expired.fellBehind()).isFalse();
		assertThat(this.hub.droppedClients()).isZero();
		assertThat(this.hub.connected()).isZero();
	}

	private Subscriber subscribe() {
		Subscriber subscriber = this.hub.connect(new TestingAuthenticationToken(UUID.randomUUID().toString(), null));
		subscriber.types().add(TYPE);
		return subscriber;
	}

	private void publish() {
		this.hub.publish(new LiveEvent(UUID.randomUUID().toString(), TYPE, Visibility.PUBLIC, null, "{}"));
	}

}
