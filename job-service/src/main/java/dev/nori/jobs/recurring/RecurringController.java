package dev.nori.jobs.recurring;

import java.util.List;
import java.util.Map;

import dev.nori.servicedefaults.problem.ProblemException;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/jobs/recurring")
@PreAuthorize("hasAuthority('jobs.manage')")
class RecurringController {

	private final RecurringJobs recurring;

	RecurringController(RecurringJobs recurring) {
		this.recurring = recurring;
	}

	@PutMapping("/{name}")
	Map<String, Object> define(@PathVariable String name, @Valid @RequestBody RecurringRequest request) {
		return this.recurring.define(name, request);
	}

	@GetMapping
	List<Map<String, Object>> list() {
		return this.recurring.list();
	}

	@DeleteMapping("/{name}")
	ResponseEntity<Void> remove(@PathVariable String name) {
		if (!this.recurring.remove(name)) {
			throw ProblemException.notFound("There is no recurring job '" + name + "'.");
		}
		return ResponseEntity.noContent().build();
	}

}
