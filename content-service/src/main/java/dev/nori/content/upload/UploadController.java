package dev.nori.content.upload;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.nori.content.author.Caller;
import dev.nori.servicedefaults.problem.ProblemException;
import dev.nori.servicedefaults.validation.FileTypes;
import dev.nori.servicedefaults.validation.MaxFileSize;
import dev.nori.servicedefaults.validation.NotEmptyFile;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/content/uploads")
class UploadController {

	// a file a browser opens runs nothing and reaches nothing
	private static final String CONTENT_POLICY = "default-src 'none'; img-src 'self'; sandbox";

	private final UploadService uploads;

	UploadController(UploadService uploads) {
		this.uploads = uploads;
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasAuthority('articles.create')")
	ResponseEntity<UploadView> upload(@Valid UploadForm form, Authentication authentication) {
		UploadView created = this.uploads.upload(form.file(), form.articleId(), Caller.of(authentication));
		return ResponseEntity.created(URI.create("/api/content/uploads/" + created.id())).body(created);
	}

	/**
	 * An upload request: the file rules here hold for every deployment; the configured
	 * types and size (nori.content.uploads) narrow them.
	 *
	 * @param file the file
	 * @param articleId the article to attach it to
	 */
	record UploadForm(@NotEmptyFile @MaxFileSize("100MB") @FileTypes( {
			"png", "jpg", "jpeg", "gif", "pdf", "txt" }) MultipartFile file, @Nullable UUID articleId){
	}

	@GetMapping
	List<UploadView> forArticle(@RequestParam UUID article, @Nullable Authentication authentication) {
		return this.uploads.forArticle(article, Caller.of(authentication));
	}

	@GetMapping("/{id}")
	UploadView read(@PathVariable UUID id, @Nullable Authentication authentication) {
		return this.uploads.find(id, Caller.of(authentication))
			.orElseThrow(() -> ProblemException.notFound("There is no upload '" + id + "'."));
	}

	@GetMapping("/{id}/content")
	ResponseEntity<?> content(@PathVariable UUID id, @Nullable Authentication authentication) throws IOException {
		UploadService.Content content = this.uploads.content(id, Caller.of(authentication));
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Content-Security-Policy", CONTENT_POLICY);
		headers.setCacheControl("private, max-age=60");
		if (content.redirect() != null) {
			headers.setLocation(content.redirect());
			return new ResponseEntity<>(headers, HttpStatus.FOUND);
		}
		headers.set(HttpHeaders.CONTENT_DISPOSITION, content.disposition());
		headers.setContentType(MediaType.parseMediaType(content.upload().contentType()));
		headers.setContentLength(content.upload().size());
		return new ResponseEntity<>(new InputStreamResource(content.bytes()), headers, HttpStatus.OK);
	}

	@DeleteMapping("/{id}")
	@PreAuthorize("isAuthenticated()")
	ResponseEntity<Void> delete(@PathVariable UUID id, Authentication authentication) {
		this.uploads.delete(id, Caller.of(authentication));
		return ResponseEntity.noContent().build();
	}

}
