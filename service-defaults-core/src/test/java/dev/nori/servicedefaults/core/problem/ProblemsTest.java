package dev.nori.servicedefaults.core.problem;

import java.util.List;

import dev.nori.contracts.problem.ProblemType;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

	@Test
	void buildsNoriShape() {
		ProblemDetail problem = Problems.of(ProblemType.CONFLICT, "Version 3 is stale.", "/api/content/articles/1",
				"req-1");
		assertThat(problem.getStatus()).isEqualTo(409);
		assertThat(problem.getType()).hasToString("https://nori.dev/problems/conflict");
		assertThat(problem.getTitle()).isEqualTo("Conflict");
		assertThat(problem.getDetail()).isEqualTo("Version 3 is stale.");
		assertThat(problem.getInstance()).hasToString("/api/content/articles/1");
		assertThat(problem.getProperties()).containsEntry("requestId", "req-1");
	}

	@Test
	void instanceNeverCarriesTheQueryString() {
		ProblemDetail problem = Problems.of(ProblemType.NOT_FOUND, null, "/api/x?token=secret", null);
		assertThat(problem.getInstance()).hasToString("/api/x");
	}

	@Test
	void instanceIsEncodedWhenThePathHasOddCharacters() {
		ProblemDetail problem = Problems.of(ProblemType.NOT_FOUND, null, "/api/a b/ü\"", null);
		assertThat(problem.getInstance()).hasToString("/api/a%20b/%C3%BC%22");
	}

	@Test
	void normalizeHidesServerErrorDetails() {
		ProblemDetail framework = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"java.lang.NullPointerException at com.example.Foo");
		Problems.normalize(framework, "/x", "r");
		assertThat(framework.getDetail()).doesNotContain("java.lang").doesNotContain("com.example");
		assertThat(framework.getType()).isEqualTo(ProblemType.INTERNAL_ERROR.uri());
	}

	@Test
	void validationListsEveryField() {
		ProblemDetail problem = Problems.validation(List.of(new FieldViolation("title", "must not be blank"),
				new FieldViolation("email", "is not an email")), "/api/x", "r");
		assertThat(problem.getStatus()).isEqualTo(400);
		assertThat(problem.getDetail()).isEqualTo("The request has 2 invalid fields.");
		assertThat(problem.getProperties().get("errors"))
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.hasSize(2);
	}

}
