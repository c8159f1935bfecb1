package dev.nori.servicedefaults.problem;

import dev.nori.contracts.problem.ProblemType;
import dev.nori.servicedefaults.core.problem.Problems;
import dev.nori.servicedefaults.requestid.RequestIdFilter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors that happen outside Spring MVC (in filters, or rejected by the server
 * itself) with the same problem shape, in place of Spring Boot's default error page.
 */
@RestController
public class ProblemErrorController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<Object> error(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = (code instanceof Integer value) ? value : 500;
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		if (status >= 500 && exception instanceof Throwable failure) {
			log.error("Error answering {}", uri, failure);
		}
		ProblemType type = ProblemType.forStatusOrGeneric(status);
		ProblemDetail problem = Problems.of(type, null, (uri != null) ? uri.toString() : request.getRequestURI(),
				RequestIdFilter.currentId(request));
		problem.setStatus(status);
		return ProblemResponses.render(problem, null, request);
	}

}
