package dev.nori.content.upload;

import dev.nori.contracts.problem.ProblemType;
import dev.nori.servicedefaults.problem.ProblemException;

/**
 * An upload the service will not keep, and why.
 */
class UploadRejectedException extends ProblemException {

	private UploadRejectedException(ProblemType type, String detail) {
		super(type, detail);
	}

	static UploadRejectedException unsupportedType(String detail) {
		return new UploadRejectedException(ProblemType.UNSUPPORTED_MEDIA_TYPE, detail);
	}

	static UploadRejectedException invalidContent(String detail) {
		return new UploadRejectedException(ProblemType.BAD_REQUEST, detail);
	}

	static UploadRejectedException tooLarge(long maxBytes) {
		return new UploadRejectedException(ProblemType.PAYLOAD_TOO_LARGE,
				"The file is larger than " + maxBytes + " bytes.");
	}

	static UploadRejectedException overQuota(long quotaBytes) {
		return new UploadRejectedException(ProblemType.PAYLOAD_TOO_LARGE,
				"The file would take your uploads over your quota of " + quotaBytes + " bytes.");
	}

}
