package dev.nori.servicedefaults.problem;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemResponsesTest {

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "null", textBlock = """
			text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 | true
			text/html                                                        | true
			*/*                                                              | false
			application/json                                                 | false
			application/problem+json, text/html;q=0.5                        | false
			text/html;q=0.9, application/json;q=0.8                          | true
			text/*                                                           | false
			not a media type                                                 | false
			null                                                             | false
			""")
	void htmlOnlyWhenTheClientRanksItAboveJson(String accept, boolean html) {
		assertThat(ProblemResponses.prefersHtml(accept)).isEqualTo(html);
	}

	@org.junit.jupiter.api.Test
	void htmlPageEscapesWhatItShows() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "<script>alert(1)</script>");
		problem.setTitle("Conflict");
		problem.setProperty("requestId", "r\"1");
		assertThat(ProblemResponses.html(problem)).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>")
			.contains("r&quot;1");
	}

}
