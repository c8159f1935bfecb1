package dev.nori.servicedefaults.problem;

import java.io.IOException;
import java.io.Writer;

import dev.nori.contracts.problem.ProblemType;
import dev.nori.servicedefaults.core.problem.Problems;
import dev.nori.servicedefaults.core.requestid.RequestIds;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers requests that Tomcat rejects before Spring sees them (malformed URLs or
 * headers, headers too large) with problem JSON instead of Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RequestIds requestIds = new RequestIds();

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String requestId = this.requestIds.acceptOrCreate(request.getHeader(RequestIds.HEADER));
		String path = request.getDecodedRequestURI();
		var problem = Problems.of(ProblemType.forStatusOrGeneric(status), null, (path != null) ? path : "/", requestId);
		problem.setStatus(status);
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			response.setHeader(RequestIds.HEADER, requestId);
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(JSON.writeValueAsString(problem));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response is already committed: nothing left to
			// tell it
			container.getLogger().debug("Could not write the problem response", ex);
		}
	}

}
