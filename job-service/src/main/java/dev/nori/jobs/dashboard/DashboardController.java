package dev.nori.jobs.dashboard;

import java.util.Map;
import java.util.UUID;

import dev.nori.jobs.api.JobService;
import dev.nori.servicedefaults.problem.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /jobs/dashboard}: the login form for a browser without a session, the dashboard
 * for users with {@code jobs.manage}. The panel refreshes itself (htmx) and every action
 * answers with the panel and a flash message. The gateway relays the browser session as a
 * bearer token, checks the CSRF token of every action, and hands the page a fresh masked
 * token in {@value #FORWARDED_CSRF}, which each action form carries.
 */
@Controller
@RequestMapping("/jobs/dashboard")
class DashboardController {

	/** The request header in which the gateway forwards the session's CSRF token. */
	static final String FORWARDED_CSRF = "X-Nori-Csrf-Token";

	private static final String MANAGE = "jobs.manage";

	private final DashboardPanel panel;

	private final JobService jobs;

	private final DashboardProperties properties;

	private final JsonMapper json;

	DashboardController(DashboardPanel panel, JobService jobs, DashboardProperties properties, JsonMapper json) {
		this.panel = panel;
		this.jobs = jobs;
		this.properties = properties;
		this.json = json;
	}

	@GetMapping
	String dashboard(@Nullable Authentication authentication,
			@RequestHeader(name = FORWARDED_CSRF, required = false) @Nullable String csrf,
			@RequestParam(name = "login", required = false) @Nullable String login, Model model,
			HttpServletResponse response) {
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			model.addAttribute("loginFailed", "failed".equals(login));
			model.addAttribute("loginPath", this.properties.loginPath());
			model.addAttribute("dashboardPath", "/jobs/dashboard");
			return "jobs/login";
		}
		if (authentication.getAuthorities().stream().noneMatch((granted) -> MANAGE.equals(granted.getAuthority()))) {
			response.setStatus(HttpServletResponse.SC_FORBIDDEN);
			return "jobs/forbidden";
		}
		model.addAttribute("user", authentication.getName());
		model.addAttribute("logoutPath", this.properties.loginPath());
		return render(model, csrf, null, false, "jobs/dashboard");
	}

	@GetMapping("/panel")
	@PreAuthorize("hasAuthority('jobs.manage')")
	String refresh(@RequestHeader(name = FORWARDED_CSRF, required = false) @Nullable String csrf, Model model) {
		return render(model, csrf, null, false, "jobs/dashboard :: panel");
	}

	@PostMapping("/jobs/{id}/redrive")
	@PreAuthorize("hasAuthority('jobs.manage')")
	String redrive(@PathVariable UUID id, @RequestHeader(name = FORWARDED_CSRF, required = false) @Nullable String csrf,
			Model model) {
		return act(model, csrf, () -> {
			this.jobs.redrive(id);
			return "1 job redriven";
		});
	}

	@PostMapping("/jobs/{id}/delete")
	@PreAuthorize("hasAuthority('jobs.manage')")
	String delete(@PathVariable UUID id, @RequestHeader(name = FORWARDED_CSRF, required = false) @Nullable String csrf,
			Model model) {
		return act(model, csrf, () -> {
			this.jobs.delete(id);
			return "1 job deleted";
		});
	}

	@PostMapping("/dead/redrive")
	@PreAuthorize("hasAuthority('jobs.manage')")
	String redriveAll(@RequestParam(name = "queue", required = false) @Nullable String queue,
			@RequestHeader(name = FORWARDED_CSRF, required = false) @Nullable String csrf, Model model) {
		return act(model, csrf, () -> {
			int redriven = this.jobs.redriveAll(null, (queue == null || queue.isBlank()) ? null : queue);
			return redriven + ((redriven == 1) ? " job" : " jobs") + " redriven";
		});
	}

	// a refused action (a job that changed meanwhile) is a flash message too, not a
	// problem document the page would not show
	private String act(Model model, @Nullable String csrf, Action action) {
		try {
			return render(model, csrf, action.run(), false, "jobs/dashboard :: panel");
		}
		catch (ProblemException ex) {
			return render(model, csrf, ex.getMessage(), true, "jobs/dashboard :: panel");
		}
	}

	private String render(Model model, @Nullable String csrf, @Nullable String flash, boolean error, String view) {
		model.addAttribute("panel", this.panel.read());
		model.addAttribute("flash", flash);
		model.addAttribute("flashError", error);
		model.addAttribute("deadShown", DashboardPanel.DEAD_SHOWN);
		model.addAttribute("csrfHeaders",
				this.json.writeValueAsString(Map.of(this.properties.csrfHeader(), (csrf != null) ? csrf : "")));
		return view;
	}

	@FunctionalInterface
	private interface Action {

		String run();

	}

}
