package dev.nori.content.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.http.Method;

/**
 * Objects in an S3 bucket through the MinIO Java SDK (MinIO or any S3-compatible store).
 * Downloads go straight to the store through presigned, expiring addresses that carry the
 * service's content type and disposition.
 */
public class S3Storage implements ObjectStorage {

	// S3 multipart parts of an upload of unknown length
	private static final long PART_SIZE = 5L * 1024 * 1024;

	private final MinioClient client;

	private final String bucket;

	/**
	 * Creates the storage, making the bucket when it is missing.
	 * @param client the client
	 * @param bucket the bucket
	 * @throws IOException when the store does not answer
	 */
	public S3Storage(MinioClient client, String bucket) throws IOException {
		this.client = client;
		this.bucket = bucket;
		call(() -> {
			if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
				client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
			}
			return null;
		});
	}

	@Override
	public void put(String key, InputStream data, String contentType) throws IOException {
		call(() -> this.client.putObject(PutObjectArgs.builder()
			.bucket(this.bucket)
			.object(ObjectStorage.checkKey(key))
			.stream(data, -1, PART_SIZE)
			.contentType(contentType)
			.build()));
	}

	@Override
	public InputStream open(String key) throws IOException {
		return call(() -> this.client
			.getObject(GetObjectArgs.builder().bucket(this.bucket).object(ObjectStorage.checkKey(key)).build()));
	}

	@Override
	public void move(String from, String to) throws IOException {
		call(() -> this.client.copyObject(CopyObjectArgs.builder()
			.bucket(this.bucket)
			.object(ObjectStorage.checkKey(to))
			.source(CopySource.builder().bucket(this.bucket).object(ObjectStorage.checkKey(from)).build())
			.build()));
		delete(from);
	}

	@Override
	public void delete(String key) throws IOException {
		call(() -> {
			this.client.removeObject(
					RemoveObjectArgs.builder().bucket(this.bucket).object(ObjectStorage.checkKey(key)).build());
			return null;
		});
	}

	@Override
	public boolean exists(String key) throws IOException {
		try {
			this.client
				.statObject(StatObjectArgs.builder().bucket(this.bucket).object(ObjectStorage.checkKey(key)).build());
			return true;
		}
		catch (ErrorResponseException ex) {
			if ("NoSuchKey".equals(ex.errorResponse().code())) {
				return false;
			}
			throw new IOException("S3 refused a stat of " + key + ": " + ex.errorResponse().code(), ex);
		}
		catch (MinioException | GeneralSecurityException ex) {
			throw new IOException("S3 failed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public Optional<URI> downloadUri(String key, Duration ttl, String contentType, String contentDisposition)
			throws IOException {
		String url = call(() -> this.client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
			.method(Method.GET)
			.bucket(this.bucket)
			.object(ObjectStorage.checkKey(key))
			.expiry((int) ttl.toSeconds())
			.extraQueryParams(
					Map.of("response-content-type", contentType, "response-content-disposition", contentDisposition))
			.build()));
		return Optional.of(URI.create(url));
	}

	private static <T> T call(S3Call<T> call) throws IOException {
		try {
			return call.run();
		}
		catch (MinioException | GeneralSecurityException ex) {
			throw new IOException("S3 failed: " + ex.getMessage(), ex);
		}
	}

	@FunctionalInterface
	private interface S3Call<T> {

		T run() throws MinioException, GeneralSecurityException, IOException;

	}

}
