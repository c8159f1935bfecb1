package dev.nori.content.category;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.nori.contracts.content.CategoryRef;
import dev.nori.servicedefaults.validation.OneOf;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
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
@RequestMapping("/api/content/categories")
class CategoryController {

	private final CategoryService categories;

	CategoryController(CategoryService categories) {
		this.categories = categories;
	}

	@GetMapping
	List<CategoryNodeView> tree(@RequestParam(required = false) @Nullable Integer maxDepth) {
		return this.categories.tree(maxDepth);
	}

	@GetMapping("/{ref}")
	CategoryDetailView detail(@PathVariable String ref) {
		return this.categories.detail(ref);
	}

	@GetMapping("/{ref}/descendants")
	List<CategoryNodeView> descendants(@PathVariable String ref,
			@RequestParam(required = false) @Nullable Integer maxDepth) {
		return this.categories.descendants(ref, maxDepth);
	}

	@GetMapping("/{ref}/ancestors")
	List<CategoryRef> ancestors(@PathVariable String ref) {
		return this.categories.ancestors(ref);
	}

	@PostMapping
	@PreAuthorize("hasAuthority('categories.manage')")
	ResponseEntity<CategoryView> create(@Valid @RequestBody CategoryRequest request) {
		CategoryView created = this.categories.create(request);
		return ResponseEntity.created(URI.create("/api/content/categories/" + created.id())).body(created);
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('categories.manage')")
	CategoryView update(@PathVariable UUID id, @Valid @RequestBody CategoryUpdate update) {
		return this.categories.update(id, update);
	}

	@PostMapping("/{id}/move")
	@PreAuthorize("hasAuthority('categories.manage')")
	CategoryView move(@PathVariable UUID id, @Valid @RequestBody CategoryMove move) {
		return this.categories.move(id, move);
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("hasAuthority('categories.manage')")
	ResponseEntity<Void> delete(@PathVariable UUID id,
			@RequestParam(defaultValue = "refuse") @OneOf(value = { "refuse", "move-to-parent" },
					message = "must be refuse or move-to-parent") String children) {
		ChildPolicy policy = ChildPolicy.parse(children);
		this.categories.delete(id, policy);
		return ResponseEntity.noContent().build();
	}

}
