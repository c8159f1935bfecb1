package dev.nori.servicedefaults.requestid;

import java.io.IOException;

import dev.nori.servicedefaults.core.requestid.RequestIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the client's {@code X-Request-ID} when safe, a new one
 * otherwise. The id is in the log context for the whole request, a request attribute, and
 * echoed in the response.
 */
public class RequestIdFilter extends OncePerRequestFilter {

	private final RequestIds requestIds;

	/**
	 * Creates the filter.
	 * @param requestIds the request-id rules
	 */
	public RequestIdFilter(RequestIds requestIds) {
		this.requestIds = requestIds;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = this.requestIds.acceptOrCreate(request.getHeader(RequestIds.HEADER));
		request.setAttribute(RequestIds.CONTEXT_KEY, requestId);
		response.setHeader(RequestIds.HEADER, requestId);
		MDC.put(RequestIds.CONTEXT_KEY, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(RequestIds.CONTEXT_KEY);
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		// the error dispatch answers the same request: keep its id in the log context
		return false;
	}

	/**
	 * Returns the id of the current request, from the request or the log context.
	 * @param request the request
	 * @return the id, or {@code null} outside a request
	 */
	public static String currentId(HttpServletRequest request) {
		Object id = request.getAttribute(RequestIds.CONTEXT_KEY);
		return (id != null) ? id.toString() : MDC.get(RequestIds.CONTEXT_KEY);
	}

}
