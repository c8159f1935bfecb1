package dev.nori.servicedefaults.problem;

import java.io.IOException;

import dev.nori.contracts.problem.ProblemType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the configured size with 413 before anything reads them: at
 * once when {@code Content-Length} says so, and while reading when a chunked body grows
 * too large. Multipart requests (uploads) are bounded by
 * {@code spring.servlet.multipart.max-file-size} and {@code max-request-size} instead,
 * which Tomcat enforces while it streams the parts in.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final JsonMapper json;

	/**
	 * Creates the filter.
	 * @param maxSize the largest body accepted
	 * @param json writes the problem
	 */
	public RequestSizeLimitFilter(DataSize maxSize, JsonMapper json) {
		this.maxBytes = maxSize.toBytes();
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isMultipart(request)) {
			chain.doFilter(request, response);
			return;
		}
		if (request.getContentLengthLong() > this.maxBytes) {
			reject(request, response);
			return;
		}
		try {
			chain.doFilter(new LimitedRequest(request, this.maxBytes), response);
		}
		catch (ServletException | RuntimeException ex) {
			if (causedByLimit(ex) && !response.isCommitted()) {
				response.reset();
				reject(request, response);
				return;
			}
			throw ex;
		}
	}

	private static boolean isMultipart(HttpServletRequest request) {
		String type = request.getContentType();
		return type != null && type.regionMatches(true, 0, "multipart/", 0, "multipart/".length());
	}

	private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// the body is not read: ask the client not to reuse the connection
		response.setHeader("Connection", "close");
		ProblemResponses.write(request, response, ProblemType.PAYLOAD_TOO_LARGE,
				"The request body is larger than " + this.maxBytes + " bytes.", this.json);
	}

	private static boolean causedByLimit(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyTooLargeException) {
				return true;
			}
		}
		return false;
	}

	static final class BodyTooLargeException extends IOException {

		BodyTooLargeException() {
			super("request body too large");
		}

	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				ServletInputStream delegate = super.getInputStream();
				this.stream = new ServletInputStream() {

					private long read;

					@Override
					public int read() throws IOException {
						int b = delegate.read();
						if (b >= 0) {
							count(1);
						}
						return b;
					}

					@Override
					public int read(byte[] buffer, int offset, int length) throws IOException {
						int n = delegate.read(buffer, offset, length);
						if (n > 0) {
							count(n);
						}
						return n;
					}

					private void count(int n) throws IOException {
						this.read += n;
						if (this.read > LimitedRequest.this.maxBytes) {
							throw new BodyTooLargeException();
						}
					}

					@Override
					public boolean isFinished() {
						return delegate.isFinished();
					}

					@Override
					public boolean isReady() {
						return delegate.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						delegate.setReadListener(listener);
					}

				};
			}
			return this.stream;
		}

	}

}
