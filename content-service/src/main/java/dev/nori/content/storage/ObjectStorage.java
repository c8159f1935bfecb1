package dev.nori.content.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where uploaded bytes live. Keys are made by the service (never from client input):
 * slash-separated segments of letters, digits, dots, hyphens and underscores.
 */
public interface ObjectStorage {

	/**
	 * Stores an object; readers never see a partly written one.
	 * @param key the key
	 * @param data the bytes, read to the end
	 * @param contentType the media type to store with it
	 * @throws IOException when writing fails; nothing is left under the key
	 */
	void put(String key, InputStream data, String contentType) throws IOException;

	/**
	 * Opens an object for reading.
	 * @param key the key
	 * @return its bytes; the caller closes the stream
	 * @throws IOException when it cannot be read (or does not exist)
	 */
	InputStream open(String key) throws IOException;

	/**
	 * Moves an object to another key.
	 * @param from the current key
	 * @param to the new key
	 * @throws IOException when the move fails
	 */
	void move(String from, String to) throws IOException;

	/**
	 * Deletes an object; deleting a missing object is not an error.
	 * @param key the key
	 * @throws IOException when the store fails
	 */
	void delete(String key) throws IOException;

	/**
	 * Returns whether an object exists.
	 * @param key the key
	 * @return whether it exists
	 * @throws IOException when the store fails
	 */
	boolean exists(String key) throws IOException;

	/**
	 * Returns an expiring address a client downloads the object from directly, when the
	 * store offers one.
	 * @param key the key
	 * @param ttl how long the address works
	 * @param contentType the {@code Content-Type} the download is served with
	 * @param contentDisposition the {@code Content-Disposition} it is served with
	 * @return the address; empty when the service serves the bytes itself
	 * @throws IOException when the store fails
	 */
	Optional<URI> downloadUri(String key, Duration ttl, String contentType, String contentDisposition)
			throws IOException;

	/**
	 * Checks a key's shape.
	 * @param key the key
	 * @return the key
	 * @throws IllegalArgumentException when it is not a key this service makes
	 */
	static String checkKey(String key) {
		if (!key.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9._-]+)*") || key.contains("..")) {
			throw new IllegalArgumentException("Not a storage key: " + key);
		}
		return key;
	}

}
