package dev.nori.jobs.api;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import dev.nori.jobs.queue.JobQueue;
import dev.nori.jobs.queue.JobState;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import dev.nori.servicedefaults.validation.OneOf;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/jobs")
class JobController {

	private static final String MANAGE = "jobs.manage";

	private final JobService jobs;

	private final JobQueue queue;

	private final JsonMapper json;

	JobController(JobService jobs, JobQueue queue, JsonMapper json) {
		this.jobs = jobs;
		this.queue = queue;
		this.json = json;
	}

	@PostMapping
	@PreAuthorize("hasAuthority('jobs.enqueue')")
	ResponseEntity<JobView> enqueue(@Valid @RequestBody EnqueueRequest request, Authentication authentication) {
		JobQueue.Enqueued enqueued = this.jobs.enqueue(request, authentication.getName());
		JobView view = JobView.of(enqueued.job(), this.json);
		return enqueued.created() ? ResponseEntity.created(URI.create("/api/jobs/" + view.id())).body(view)
				: ResponseEntity.ok(view);
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAnyAuthority('jobs.enqueue', 'jobs.manage')")
	JobView get(@PathVariable UUID id, Authentication authentication) {
		return JobView.of(this.jobs.get(id, authentication.getName(), isManager(authentication)), this.json);
	}

	@GetMapping
	@PreAuthorize("hasAuthority('jobs.manage')")
	Map<String, Object> list(@RequestParam(required = false) @Nullable @OneOf(
			value = { "scheduled", "available", "running", "succeeded", "retrying", "dead", "cancelled" }) String state,
			@RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable String queue, @RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = "20") int size) {
		if (page < 1 || size < 1 || size > 100) {
			throw new InvalidFieldsException(
					java.util.List.of(new FieldViolation("size", "page from 1, size between 1 and 100")));
		}
		JobQueue.Filter filter = new JobQueue.Filter((state != null) ? JobState.of(state) : null, type, queue, null);
		return Map.of("items",
				this.queue.list(filter, size, (long) (page - 1) * size)
					.stream()
					.map((job) -> JobView.of(job, this.json))
					.toList(),
				"page", page, "size", size, "totalItems", this.queue.count(filter));
	}

	@GetMapping("/stats")
	@PreAuthorize("hasAuthority('jobs.manage')")
	Map<String, Map<String, Long>> stats() {
		return this.queue.stats();
	}

	@PostMapping("/{id}/cancel")
	@PreAuthorize("hasAnyAuthority('jobs.enqueue', 'jobs.manage')")
	JobView cancel(@PathVariable UUID id, Authentication authentication) {
		return JobView.of(this.jobs.cancel(id, authentication.getName(), isManager(authentication)), this.json);
	}

	@PostMapping("/{id}/redrive")
	@PreAuthorize("hasAuthority('jobs.manage')")
	JobView redrive(@PathVariable UUID id) {
		return JobView.of(this.jobs.redrive(id), this.json);
	}

	@PostMapping("/redrive")
	@PreAuthorize("hasAuthority('jobs.manage')")
	ResponseEntity<Map<String, Integer>> redriveAll(@RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable String queue) {
		return ResponseEntity.status(HttpStatus.OK).body(Map.of("redriven", this.jobs.redriveAll(type, queue)));
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('jobs.manage')")
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		this.jobs.delete(id);
		return ResponseEntity.noContent().build();
	}

	private static boolean isManager(Authentication authentication) {
		return authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> MANAGE.equals(authority.getAuthority()));
	}

}
