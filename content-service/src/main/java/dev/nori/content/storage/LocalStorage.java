package dev.nori.content.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Objects as files under a root directory. Writes go to a temporary file that is moved
 * into place, so a failed or cut-off write leaves nothing under the key; every path is
 * checked to stay under the root.
 */
public class LocalStorage implements ObjectStorage {

	private final Path root;

	/**
	 * Creates the storage.
	 * @param root the directory holding every object
	 * @throws IOException when the directory cannot be created
	 */
	public LocalStorage(Path root) throws IOException {
		this.root = Files.createDirectories(root).toRealPath();
		Files.createDirectories(this.root.resolve(".partial"));
	}

	@Override
	public void put(String key, InputStream data, String contentType) throws IOException {
		Path target = resolve(key);
		Path partial = this.root.resolve(".partial").resolve(UUID.randomUUID().toString());
		try {
			Files.copy(data, partial);
			Files.createDirectories(target.getParent());
			moveInto(partial, target);
		}
		finally {
			Files.deleteIfExists(partial);
		}
	}

	@Override
	public InputStream open(String key) throws IOException {
		return Files.newInputStream(resolve(key));
	}

	@Override
	public void move(String from, String to) throws IOException {
		Path target = resolve(to);
		Files.createDirectories(target.getParent());
		moveInto(resolve(from), target);
	}

	@Override
	public void delete(String key) throws IOException {
		try {
			Files.deleteIfExists(resolve(key));
		}
		catch (NoSuchFileException ex) {
			// already gone
		}
	}

	@Override
	public boolean exists(String key) throws IOException {
		return Files.exists(resolve(key));
	}

	@Override
	public Optional<URI> downloadUri(String key, Duration ttl, String contentType, String contentDisposition) {
		return Optional.empty();
	}

	private static void moveInto(Path source, Path target) throws IOException {
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private Path resolve(String key) {
		Path path = this.root.resolve(ObjectStorage.checkKey(key)).normalize();
		if (!path.startsWith(this.root) || path.equals(this.root)) {
			throw new IllegalArgumentException("Key escapes the storage root: " + key);
		}
		return path;
	}

}
