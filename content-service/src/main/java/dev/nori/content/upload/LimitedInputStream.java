package dev.nori.content.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts what passes and fails the read that goes past the limit, so that a storage write
 * stops there instead of storing an oversized file.
 */
class LimitedInputStream extends FilterInputStream {

	private final long limit;

	private long count;

	private boolean exceeded;

	LimitedInputStream(InputStream in, long limit) {
		super(in);
		this.limit = limit;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			counted(1);
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int n = super.read(buffer, offset, length);
		if (n > 0) {
			counted(n);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(n);
		counted(skipped);
		return skipped;
	}

	long count() {
		return this.count;
	}

	boolean exceeded() {
		return this.exceeded;
	}

	private void counted(long n) throws IOException {
		this.count += n;
		if (this.count > this.limit) {
			this.exceeded = true;
			throw new IOException("More than " + this.limit + " bytes");
		}
	}

}
