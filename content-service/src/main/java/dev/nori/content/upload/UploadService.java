package dev.nori.content.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.nori.content.article.ArticleAttachments;
import dev.nori.content.author.Caller;
import dev.nori.content.config.ContentProperties;
import dev.nori.content.storage.ObjectStorage;
import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.servicedefaults.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

/**
 * Takes uploads through quarantine: a row first (so a crash leaves a trace), the bytes
 * streamed into a quarantine key with the size counted, verification of the stored bytes,
 * then the quota charged and the object promoted in one transaction. Anything that fails
 * on the way removes what was written.
 */
@Service
class UploadService {

	private static final Logger log = LoggerFactory.getLogger(UploadService.class);

	/** Types a browser may show in place; everything else is downloaded. */
	private static final Set<String> INLINE = Set.of("image/png", "image/jpeg", "image/gif");

	private final Uploads uploads;

	private final UploadVerifier verifier;

	private final ObjectStorage storage;

	private final ArticleAttachments articles;

	private final TransactionTemplate transactions;

	private final AuditLog audit;

	private final ContentProperties properties;

	private final Clock clock;

	UploadService(Uploads uploads, UploadVerifier verifier, ObjectStorage storage, ArticleAttachments articles,
			TransactionTemplate transactions, AuditLog audit, ContentProperties properties, Clock clock) {
		this.uploads = uploads;
		this.verifier = verifier;
		this.storage = storage;
		this.articles = articles;
		this.transactions = transactions;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	UploadView upload(MultipartFile file, @Nullable UUID articleId, Caller caller) {
		String ownerId = caller.requireUserId();
		FileName name = FileName.of(file.getOriginalFilename());
		String expected = this.verifier.expectedType(name, file.getContentType());
		if (articleId != null) {
			this.articles.requireEditable(articleId, caller);
		}
		long maxSize = this.properties.uploads().maxSize().toBytes();
		if (file.getSize() > maxSize) {
			throw UploadRejectedException.tooLarge(maxSize);
		}
		UUID id = UUID.randomUUID();
		String prefix = ownerPrefix(ownerId);
		String quarantineKey = "quarantine/" + prefix + "/" + id;
		Upload pending = new Upload(id, ownerId, articleId, name.value(), expected, 0, null, null, quarantineKey,
				"quarantined", this.clock.instant());
		this.transactions.executeWithoutResult((status) -> this.uploads.insertQuarantined(pending));
		boolean promoted = false;
		try {
			long size = quarantine(file, quarantineKey, maxSize);
			UploadVerifier.Verified verified = this.verifier.verify(this.storage, quarantineKey, expected);
			String key = "files/" + prefix + "/" + id;
			long quota = this.properties.uploads().quotaPerUser().toBytes();
			this.transactions.executeWithoutResult((status) -> {
				if (!this.uploads.reserve(ownerId, size, quota)) {
					throw UploadRejectedException.overQuota(quota);
				}
				this.uploads.markReady(id, key, verified.contentType(), size, verified.width(), verified.height());
				try {
					this.storage.move(quarantineKey, key);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			promoted = true;
			this.audit.audit("upload.created", "upload:" + id,
					Map.of("type", verified.contentType(), "size", Long.toString(size)));
			return this.uploads.findReady(id).orElseThrow().view();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Storing upload " + id + " failed", ex);
		}
		finally {
			if (!promoted) {
				discard(id, quarantineKey);
			}
		}
	}

	Optional<UploadView> find(UUID id, Caller caller) {
		return readable(id, caller).map(Upload::view);
	}

	List<UploadView> forArticle(UUID articleId, Caller caller) {
		if (!this.articles.isPublic(articleId)) {
			this.articles.requireEditable(articleId, caller);
		}
		return this.uploads.readyForArticle(articleId).stream().map(Upload::view).toList();
	}

	/** The bytes of an upload, or where to fetch them, with how to serve them. */
	Content content(UUID id, Caller caller) throws IOException {
		Upload upload = readable(id, caller).orElseThrow(() -> notFound(id));
		boolean inline = INLINE.contains(upload.contentType());
		String disposition = FileName.of(upload.fileName()).disposition(inline);
		Optional<URI> direct = this.storage.downloadUri(upload.storageKey(), this.properties.storage().downloadTtl(),
				upload.contentType(), disposition);
		if (direct.isPresent()) {
			return new Content(upload, disposition, null, direct.get());
		}
		return new Content(upload, disposition, this.storage.open(upload.storageKey()), null);
	}

	void delete(UUID id, Caller caller) {
		Upload upload = readable(id, caller).orElseThrow(() -> notFound(id));
		if (!upload.ownedBy(caller) && !caller.can("articles.delete")) {
			throw ProblemException.forbidden("You may delete only your own uploads.");
		}
		this.transactions.executeWithoutResult((status) -> remove(upload));
		this.audit.audit("upload.deleted", "upload:" + id, Map.of());
	}

	/** Removes the uploads of articles being purged, inside the purge's transaction. */
	void removeForArticles(List<UUID> articleIds) {
		this.uploads.forArticles(articleIds).forEach(this::remove);
	}

	/** Removes uploads that a crash left in quarantine. */
	@Scheduled(initialDelayString = "${nori.content.uploads.abandoned-after:1h}",
			fixedDelayString = "${nori.content.uploads.abandoned-after:1h}")
	void removeAbandoned() {
		Instant cutOff = this.clock.instant().minus(this.properties.uploads().abandonedAfter());
		for (Upload upload : this.uploads.quarantinedBefore(cutOff)) {
			log.warn("Removing upload {} left in quarantine since {}", upload.id(), upload.createdAt());
			discard(upload.id(), upload.storageKey());
		}
	}

	private long quarantine(MultipartFile file, String key, long maxSize) throws IOException {
		try (InputStream in = file.getInputStream()) {
			LimitedInputStream limited = new LimitedInputStream(in, maxSize);
			try {
				this.storage.put(key, limited, "application/octet-stream");
			}
			catch (IOException | RuntimeException ex) {
				if (limited.exceeded()) {
					throw UploadRejectedException.tooLarge(maxSize);
				}
				throw ex;
			}
			return limited.count();
		}
	}

	private Optional<Upload> readable(UUID id, Caller caller) {
		return this.uploads.findReady(id)
			.filter((upload) -> upload.ownedBy(caller) || caller.can("articles.edit-any")
					|| (upload.articleId() != null && this.articles.isPublic(upload.articleId())));
	}

	// within a transaction: the row and the quota go at once, the object after commit
	private void remove(Upload upload) {
		this.uploads.delete(upload.id());
		this.uploads.release(upload.ownerId(), upload.size());
		String key = upload.storageKey();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				deleteObject(key);
			}
		});
	}

	private void discard(UUID id, String quarantineKey) {
		deleteObject(quarantineKey);
		this.transactions.executeWithoutResult((status) -> this.uploads.delete(id));
	}

	private void deleteObject(String key) {
		try {
			this.storage.delete(key);
		}
		catch (IOException ex) {
			log.error("Could not delete stored object {}: {}", key, ex.toString());
		}
	}

	// per-user prefix without the raw user id in keys
	private static String ownerPrefix(String ownerId) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(ownerId.getBytes(StandardCharsets.UTF_8));
			return "u-" + HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is unavailable", ex);
		}
	}

	private static ProblemException notFound(UUID id) {
		return ProblemException.notFound("There is no upload '" + id + "'.");
	}

	/**
	 * How to answer a download.
	 *
	 * @param upload the upload
	 * @param disposition its {@code Content-Disposition}
	 * @param bytes its bytes, when the service serves them
	 * @param redirect where to fetch them, when the store serves them
	 */
	record Content(Upload upload, String disposition, @Nullable InputStream bytes, @Nullable URI redirect) {
	}

}
