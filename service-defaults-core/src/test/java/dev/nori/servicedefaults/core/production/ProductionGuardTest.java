package dev.nori.servicedefaults.core.production;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ProductionGuardTest {

	private static final SecretSetting SECRET = new SecretSetting("nori.test.secret", "NORI_TEST_SECRET", 32);

	@Test
	void aSecretMustBeSetNotTheExampleAndLongEnough() {
		assertThat(SECRET.problem((String) null)).hasValueSatisfying(
				(problem) -> assertThat(problem).startsWith("NORI_TEST_SECRET (nori.test.secret) is not set"));
		assertThat(SECRET.problem("  ")).hasValueSatisfying((problem) -> assertThat(problem).contains("is not set"));
		assertThat(SECRET.problem("change-me-internal-secret-of-32-chars"))
			.hasValueSatisfying((problem) -> assertThat(problem).contains("example value from .env.example"));
		assertThat(SECRET.problem("too-short-to-be-safe"))
			.hasValueSatisfying((problem) -> assertThat(problem).contains("shorter than 32 characters"));
		assertThat(SECRET.problem("q7Vf3kP9zL2mX8cR1tY6wB4nH0jD5sGa")).isEmpty();
	}

	@Test
	void aSecretIsReadWithRelaxedNames() {
		MockEnvironment environment = new MockEnvironment().withProperty("nori.test.secret",
				"q7Vf3kP9zL2mX8cR1tY6wB4nH0jD5sGa");
		assertThat(SECRET.problem(environment)).isEmpty();
		assertThat(SECRET.problem(new MockEnvironment())).isPresent();
	}

	@Test
	void everyProblemOfEveryCheckIsNamedAtOnce() {
		ProductionCheck first = (environment) -> List.of("one is wrong", "two is wrong");
		ProductionCheck second = (environment) -> List.of("three is wrong");
		ProductionCheck fine = (environment) -> List.of();
		assertThatExceptionOfType(ProductionRefusedException.class)
			.isThrownBy(() -> ProductionGuard.refuseIfAny(List.of(first, fine, second), new MockEnvironment()))
			.withMessage("The prod profile refuses to start with 3 problems:\n - one is wrong\n - two is wrong\n"
					+ " - three is wrong")
			.satisfies((refusal) -> assertThat(refusal.problems()).hasSize(3));
	}

	@Test
	void nothingWrongStartsNormally() {
		assertThatNoException().isThrownBy(() -> ProductionGuard
			.refuseIfAny(List.of((environment) -> List.of(), (environment) -> List.of()), new MockEnvironment()));
	}

	@Test
	void theFailureReportListsTheProblemsInsteadOfAStackTrace() {
		var analysis = new ProductionRefusalAnalyzer()
			.analyze(new ProductionRefusedException(List.of("NORI_X (nori.x) is not set")));
		assertThat(analysis.getDescription()).contains(" - NORI_X (nori.x) is not set");
		assertThat(analysis.getAction()).contains("Running in production");
	}

}
