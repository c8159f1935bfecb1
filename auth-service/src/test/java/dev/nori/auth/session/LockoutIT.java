package dev.nori.auth.session;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.nori.auth.AuthServiceIT;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failed logins lock the account on Nori's escalating schedule; a locked account answers
 * exactly like a wrong password, even to the right one.
 */
class LockoutIT extends AuthServiceIT {

	@Autowired
	private MeterRegistry meters;

	@Test
	void fiveFailuresLockForAMinuteThenFiveMoreForFiveMinutes() {
		String email = uniqueEmail("locked");
		register(email, STRONG_PASSWORD);
		double failuresBefore = count("nori.auth.logins", "failure");
		double lockoutsBefore = this.meters.get("nori.auth.lockouts").counter().count();
		double refusedBefore = count("nori.auth.logins", "locked");
		HttpResponse<String> wrong = fail(email, 5);

		HttpResponse<String> locked = attempt(email, STRONG_PASSWORD);
		assertThat(locked.statusCode()).isEqualTo(401);
		// metrics tell failures, the lock they caused and the refusal while locked apart
		assertThat(count("nori.auth.logins", "failure")).isEqualTo(failuresBefore + 5);
		assertThat(this.meters.get("nori.auth.lockouts").counter().count()).isEqualTo(lockoutsBefore + 1);
		assertThat(count("nori.auth.logins", "locked")).isEqualTo(refusedBefore + 1);
		assertThat(locked.body().replaceAll("\"requestId\":\"[^\"]*\"", ""))
			.isEqualTo(wrong.body().replaceAll("\"requestId\":\"[^\"]*\"", ""));

		this.clock.advance(Duration.ofSeconds(61));
		assertThat(attempt(email, STRONG_PASSWORD).statusCode()).isEqualTo(200);

		// the next lock escalates: one minute is no longer enough
		fail(email, 5);
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(attempt(email, STRONG_PASSWORD).statusCode()).isEqualTo(401);
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(attempt(email, STRONG_PASSWORD).statusCode()).isEqualTo(200);
	}

	private double count(String name, String outcome) {
		return this.meters.get(name).tag("outcome", outcome).counter().count();
	}

	@Test
	void twentyFailuresFromOneClientAddressLockItForEveryAccount() {
		String victim = uniqueEmail("victim");
		register(victim, STRONG_PASSWORD);
		String address = "198.18." + (int) (Math.random() * 250) + "." + (1 + (int) (Math.random() * 250));
		for (int i = 0; i < 20; i++) {
			// a different account each time: no account reaches its own threshold
			assertThat(attemptFrom(address, uniqueEmail("spray"), "guess-" + i).statusCode()).isEqualTo(401);
		}
		assertThat(attemptFrom(address, victim, STRONG_PASSWORD).statusCode()).isEqualTo(401);
		assertThat(attempt(victim, STRONG_PASSWORD).statusCode()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(attemptFrom(address, victim, STRONG_PASSWORD).statusCode()).isEqualTo(200);
	}

	@Test
	void caseVariantsOfTheAddressShareOneCounter() {
		String email = uniqueEmail("variant");
		register(email, STRONG_PASSWORD);
		attempt(email.toUpperCase(), "wrong-1");
		attempt(" " + email, "wrong-2");
		attempt(email, "wrong-3");
		attempt(email.substring(0, 1).toUpperCase() + email.substring(1), "wrong-4");
		attempt(email, "wrong-5");
		assertThat(attempt(email, STRONG_PASSWORD).statusCode()).isEqualTo(401);
		this.clock.advance(Duration.ofSeconds(61));
	}

	@Test
	void everyAttemptIsAudited() {
		String email = uniqueEmail("audited");
		register(email, STRONG_PASSWORD);
		attempt(email, "wrong");
		attempt(email, STRONG_PASSWORD);
		String userId = this.jdbc.sql("select id::text from users where email = ?")
			.param(email)
			.query(String.class)
			.single();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(
					this.jdbc.sql("select outcome from audit_log where action = 'login' and target = ? order by seq")
						.param("user:" + userId)
						.query(String.class)
						.list())
				.containsExactly("failure", "success"));
		assertThat(this.jdbc.sql("select client_ip from audit_log where action = 'login' and target = ? limit 1")
			.param("user:" + userId)
			.query(String.class)
			.single()).isEqualTo(this.clientAddress);
	}

	private HttpResponse<String> fail(String email, int times) {
		HttpResponse<String> last = null;
		for (int i = 0; i < times; i++) {
			last = attempt(email, "wrong-password-" + i);
			assertThat(last.statusCode()).isEqualTo(401);
		}
		return last;
	}

	private HttpResponse<String> attemptFrom(String address, String email, String password) {
		return dev.nori.testsupport.TestHttp.send(dev.nori.testsupport.TestHttp
			.post(this.port, "/api/auth/login", JSON.writeValueAsString(Map.of("email", email, "password", password)))
			.header("X-Forwarded-For", address));
	}

	private HttpResponse<String> attempt(String email, String password) {
		return post("/api/auth/login", Map.of("email", email, "password", password), null);
	}

}
