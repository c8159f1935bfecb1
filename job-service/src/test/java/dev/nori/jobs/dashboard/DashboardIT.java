package dev.nori.jobs.dashboard;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.nori.jobs.JobServiceIT;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard as job-service renders it; the gateway's part (sessions, CSRF, the login
 * form) is tested at the gateway, and the whole in a browser by the system tests.
 */
class DashboardIT extends JobServiceIT {

	@Test
	void aBrowserWithoutASessionGetsTheLoginForm() {
		HttpResponse<String> page = send("GET", "/jobs/dashboard", null, null);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> type.startsWith("text/html"));
		assertThat(page.body()).contains("<form method=\"post\" action=\"/api/auth/session\" id=\"login\">")
			.contains("name=\"redirect\" value=\"/jobs/dashboard\"")
			.doesNotContain("Dead jobs");
		assertThat(send("GET", "/jobs/dashboard?login=failed", null, null).body())
			.contains("That email and password did not log you in.");
	}

	@Test
	void aUserWithoutJobsManageIsTurnedAway() {
		HttpResponse<String> page = send("GET", "/jobs/dashboard", null, token(List.of("jobs.enqueue")));
		assertThat(page.statusCode()).isEqualTo(403);
		assertThat(page.body()).contains("does not hold <code>jobs.manage</code>");
		assertThat(send("POST", "/jobs/dashboard/dead/redrive", null, token(List.of("jobs.enqueue"))).statusCode())
			.isEqualTo(403);
		assertThat(send("GET", "/jobs/dashboard/panel", null, null).statusCode()).isEqualTo(401);
	}

	@Test
	void showsQueuesAndDeadJobsWithActionsThatCarryTheCsrfToken() {
		String dead = deadJob();
		HttpResponse<String> page = sendWithCsrf("GET", "/jobs/dashboard", "masked-token-1");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("data-queue=\"default\"")
			.contains("data-job=\"" + dead + "\"")
			.contains("always fails (attempt 1)")
			.contains("hx-post=\"/jobs/dashboard/jobs/" + dead + "/redrive\"")
			// every action form: the token the gateway handed this page, in the
			// header it checks
			.contains("hx-headers=\"{&quot;X-CSRF-Token&quot;:&quot;masked-token-1&quot;}\"")
			.contains("<script src=\"/jobs/assets/htmx/htmx.min.js\" defer></script>");
		assertThat(countOccurrences(page.body(), "<form "))
			.isEqualTo(countOccurrences(page.body(), "hx-headers=\"{&quot;X-CSRF-Token&quot;:&quot;masked-token-1"));
		HttpResponse<String> htmx = send("GET", "/jobs/assets/htmx/htmx.min.js", null, null);
		assertThat(htmx.statusCode()).isEqualTo(200);
		assertThat(htmx.body()).contains("htmx");
		assertThat(send("GET", "/jobs/assets/dashboard.css", null, null).statusCode()).isEqualTo(200);
	}

	@Test
	void redriveAnswersWithTheRefreshedPanelAndAFlashMessage() {
		String dead = deadJob();
		HttpResponse<String> answer = sendWithCsrf("POST", "/jobs/dashboard/jobs/" + dead + "/redrive", "t");
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).startsWith("<main id=\"panel\"").contains("1 job redriven").doesNotContain("<html");
		// it ran again (and, being test.fail, died again)
		await().atMost(Duration.ofSeconds(15)).until(() -> job(dead).get("errors").size() == 2);

		HttpResponse<String> again = sendWithCsrf("POST", "/jobs/dashboard/jobs/" + enqueued() + "/redrive", "t");
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).contains("class=\"flash error\"").contains("Only dead jobs are redriven");
	}

	@Test
	void redriveAllAndDeleteSayHowManyJobs() {
		String first = deadJob();
		String second = deadJob();
		HttpResponse<String> all = sendWithCsrf("POST", "/jobs/dashboard/dead/redrive?queue=default", "t");
		assertThat(all.body()).containsPattern("\\d+ jobs redriven");
		await().atMost(Duration.ofSeconds(15))
			.until(() -> job(first).get("errors").size() == 2 && job(second).get("errors").size() == 2);

		await().atMost(Duration.ofSeconds(15)).until(() -> "dead".equals(job(first).get("state").asString()));
		assertThat(sendWithCsrf("POST", "/jobs/dashboard/jobs/" + first + "/delete", "t").body())
			.contains("1 job deleted");
		assertThat(send("GET", "/api/jobs/" + first, null, token(MANAGER)).statusCode()).isEqualTo(404);
	}

	private String deadJob() {
		String id = enqueue(Map.of("type", "test.fail", "payload", Map.of(), "maxAttempts", 1)).get("id").asString();
		await().atMost(Duration.ofSeconds(15)).until(() -> "dead".equals(job(id).get("state").asString()));
		return id;
	}

	// a job nobody runs: its queue has no worker
	private String enqueued() {
		return enqueue(Map.of("type", "test.fail", "payload", Map.of(), "queue", "dashboard-idle")).get("id")
			.asString();
	}

	private HttpResponse<String> sendWithCsrf(String method, String path, String csrf) {
		return send(method, path, null, token(MANAGER), Map.of(DashboardController.FORWARDED_CSRF, csrf));
	}

	private static int countOccurrences(String text, String part) {
		return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
	}

}
