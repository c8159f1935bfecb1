package dev.nori.servicedefaults.background;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Starts the tasks a request queued once its response is complete.
 */
public class BackgroundTaskFilter extends OncePerRequestFilter {

	private final BackgroundTasks tasks;

	/**
	 * Creates the filter.
	 * @param tasks the task runner
	 */
	public BackgroundTaskFilter(BackgroundTasks tasks) {
		this.tasks = tasks;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
			response.flushBuffer();
		}
		finally {
			@SuppressWarnings("unchecked")
			List<Runnable> pending = (List<Runnable>) request.getAttribute(BackgroundTasks.PENDING_ATTRIBUTE);
			if (pending != null) {
				request.removeAttribute(BackgroundTasks.PENDING_ATTRIBUTE);
				this.tasks.submitAll(pending);
			}
		}
	}

}
