package dev.nori.content.upload;

import java.time.Instant;
import java.util.UUID;

import dev.nori.content.author.Caller;
import org.jspecify.annotations.Nullable;

/**
 * An upload as stored; the storage key never leaves the service.
 */
record Upload(UUID id, String ownerId, @Nullable UUID articleId, String fileName, String contentType, long size,
		@Nullable Integer width, @Nullable Integer height, String storageKey, String state, Instant createdAt) {

	boolean ownedBy(Caller caller) {
		return caller.is(this.ownerId);
	}

	UploadView view() {
		return new UploadView(this.id, this.articleId, this.fileName, this.contentType, this.size, this.width,
				this.height, this.createdAt, "/api/content/uploads/" + this.id + "/content");
	}

}
