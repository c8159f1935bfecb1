package dev.nori.content.post;

import java.net.URI;
import java.util.UUID;

import dev.nori.content.author.Caller;
import dev.nori.content.paging.FeedView;
import dev.nori.content.paging.PageView;
import dev.nori.content.paging.Paging;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/content/posts")
class PostController {

	private final PostService posts;

	private final Paging paging;

	PostController(PostService posts, Paging paging) {
		this.posts = posts;
		this.paging = paging;
	}

	@GetMapping
	FeedView<PostView> feed(@RequestParam(required = false) @Nullable UUID article,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer size) {
		return this.posts.feed(article, cursor, size);
	}

	@GetMapping("/trash")
	@PreAuthorize("isAuthenticated()")
	PageView<PostView> trash(@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer size, Authentication authentication) {
		return this.posts.trash(this.paging.page(page, size), Caller.of(authentication));
	}

	@GetMapping("/{id}")
	PostView read(@PathVariable UUID id) {
		return this.posts.read(id);
	}

	@PostMapping
	@PreAuthorize("hasAuthority('articles.create')")
	ResponseEntity<PostView> create(@Valid @RequestBody PostRequest request, Authentication authentication) {
		PostView created = this.posts.create(request, Caller.of(authentication));
		return ResponseEntity.created(URI.create("/api/content/posts/" + created.id())).body(created);
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAnyAuthority('articles.edit', 'articles.edit-any')")
	PostView update(@PathVariable UUID id, @Valid @RequestBody PostUpdate update, Authentication authentication) {
		return this.posts.update(id, update, Caller.of(authentication));
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAnyAuthority('articles.edit', 'articles.delete')")
	ResponseEntity<Void> delete(@PathVariable UUID id, @RequestParam(required = false) @Nullable Long version,
			Authentication authentication) {
		this.posts.delete(id, version, Caller.of(authentication));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/restore")
	@PreAuthorize("hasAnyAuthority('articles.edit', 'articles.delete')")
	PostView restore(@PathVariable UUID id, Authentication authentication) {
		return this.posts.restore(id, Caller.of(authentication));
	}

}
