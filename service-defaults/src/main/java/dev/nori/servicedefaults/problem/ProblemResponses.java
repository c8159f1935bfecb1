package dev.nori.servicedefaults.problem;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.nori.contracts.problem.ProblemType;
import dev.nori.servicedefaults.core.problem.Problems;
import dev.nori.servicedefaults.requestid.RequestIdFilter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders a problem as {@code application/problem+json}, or as a small HTML page when the
 * client prefers {@code text/html} (a browser following a link).
 */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	/**
	 * Builds the response for a problem.
	 * @param problem the problem
	 * @param headers extra headers (for example {@code Retry-After})
	 * @param request the request being answered
	 * @return the response
	 */
	public static ResponseEntity<Object> render(ProblemDetail problem, @Nullable HttpHeaders headers,
			HttpServletRequest request) {
		HttpHeaders responseHeaders = new HttpHeaders();
		if (headers != null) {
			responseHeaders.putAll(headers);
		}
		if (prefersHtml(request.getHeader(HttpHeaders.ACCEPT))) {
			responseHeaders.setContentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8));
			return ResponseEntity.status(problem.getStatus()).headers(responseHeaders).body(html(problem));
		}
		responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return ResponseEntity.status(problem.getStatus()).headers(responseHeaders).body(problem);
	}

	/**
	 * Writes a problem straight to a response, for code that runs outside Spring MVC
	 * (filters, security handlers).
	 * @param request the request being answered
	 * @param response the response
	 * @param type the problem type (and so the status)
	 * @param detail what went wrong, for the client
	 * @param json writes the problem
	 * @throws IOException when the response cannot be written
	 */
	public static void write(HttpServletRequest request, HttpServletResponse response, ProblemType type, String detail,
			JsonMapper json) throws IOException {
		response.setStatus(type.status());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getOutputStream()
			.write(json.writeValueAsBytes(
					Problems.of(type, detail, request.getRequestURI(), RequestIdFilter.currentId(request))));
	}

	/**
	 * Tells whether an {@code Accept} header ranks HTML above JSON.
	 * @param accept the header value
	 * @return whether to answer with HTML
	 */
	static boolean prefersHtml(@Nullable String accept) {
		if (accept == null || accept.isBlank()) {
			return false;
		}
		List<MediaType> types;
		try {
			types = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
		double html = 0;
		double json = 0;
		for (MediaType type : types) {
			if (type.isWildcardType()) {
				continue;
			}
			if (type.isCompatibleWith(MediaType.TEXT_HTML) && !type.isWildcardSubtype()) {
				html = Math.max(html, type.getQualityValue());
			}
			else if (type.getSubtype().equals("json") || type.getSubtype().endsWith("+json")) {
				json = Math.max(json, type.getQualityValue());
			}
		}
		return html > 0 && html > json;
	}

	static String html(ProblemDetail problem) {
		String title = HtmlUtils.htmlEscape((problem.getTitle() != null) ? problem.getTitle() : "Error");
		String detail = HtmlUtils.htmlEscape((problem.getDetail() != null) ? problem.getDetail() : "");
		Object requestId = (problem.getProperties() != null) ? problem.getProperties().get("requestId") : null;
		String reference = (requestId != null)
				? "<p class=\"ref\">Request id: <code>" + HtmlUtils.htmlEscape(requestId.toString()) + "</code></p>"
				: "";
		return """
				<!doctype html>
				<html lang="en"><head><meta charset="utf-8"><title>%d %s</title>
				<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}
				h1{font-size:1.5rem}.ref{color:#666;font-size:.9rem}</style></head>
				<body><h1>%d %s</h1><p>%s</p>%s</body></html>
				""".formatted(problem.getStatus(), title, problem.getStatus(), title, detail, reference);
	}

}
