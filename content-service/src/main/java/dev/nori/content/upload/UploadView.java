package dev.nori.content.upload;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An upload as clients see it.
 *
 * @param id its id
 * @param articleId the article it is attached to, if any
 * @param fileName the name it was uploaded with
 * @param contentType its verified media type
 * @param size its size in bytes
 * @param width an image's width in pixels
 * @param height an image's height in pixels
 * @param createdAt when it was uploaded
 * @param contentUrl where its bytes are read
 */
record UploadView(UUID id, @Nullable UUID articleId, String fileName, String contentType, long size,
		@Nullable Integer width, @Nullable Integer height, Instant createdAt, String contentUrl) {
}
