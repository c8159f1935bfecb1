package dev.nori.search.content;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/search/admin/reindex}: rebuild the content index from content-service (202;
 * 409 while one runs), and how it goes.
 */
@RestController
@PreAuthorize("hasAuthority('search.index')")
class ReindexController {

	private final ContentReindex reindex;

	ReindexController(ContentReindex reindex) {
		this.reindex = reindex;
	}

	@PostMapping("/api/search/admin/reindex")
	ResponseEntity<ContentReindex.Status> start() {
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(this.reindex.start());
	}

	@GetMapping("/api/search/admin/reindex")
	ContentReindex.Status status() {
		return this.reindex.status();
	}

}
