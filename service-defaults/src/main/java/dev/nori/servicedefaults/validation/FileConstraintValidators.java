package dev.nori.servicedefaults.validation;

import java.util.Arrays;
import java.util.Locale;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

/**
 * The validators of the file rules, on Spring's {@link MultipartFile}.
 */
public final class FileConstraintValidators {

	private FileConstraintValidators() {
	}

	/**
	 * Validates {@link dev.nori.servicedefaults.validation.NotEmptyFile}.
	 */
	public static final class NotEmptyFile
			implements ConstraintValidator<dev.nori.servicedefaults.validation.NotEmptyFile, MultipartFile> {

		@Override
		public boolean isValid(@Nullable MultipartFile file, ConstraintValidatorContext context) {
			return file != null && !file.isEmpty();
		}

	}

	/**
	 * Validates {@link dev.nori.servicedefaults.validation.MaxFileSize}.
	 */
	public static final class MaxFileSize
			implements ConstraintValidator<dev.nori.servicedefaults.validation.MaxFileSize, MultipartFile> {

		private long maxBytes;

		@Override
		public void initialize(dev.nori.servicedefaults.validation.MaxFileSize annotation) {
			this.maxBytes = DataSize.parse(annotation.value()).toBytes();
		}

		@Override
		public boolean isValid(@Nullable MultipartFile file, ConstraintValidatorContext context) {
			return file == null || file.getSize() <= this.maxBytes;
		}

	}

	/**
	 * Validates {@link dev.nori.servicedefaults.validation.FileTypes}.
	 */
	public static final class FileTypes
			implements ConstraintValidator<dev.nori.servicedefaults.validation.FileTypes, MultipartFile> {

		private String[] extensions = {};

		@Override
		public void initialize(dev.nori.servicedefaults.validation.FileTypes annotation) {
			this.extensions = Arrays.stream(annotation.value())
				.map((extension) -> extension.toLowerCase(Locale.ROOT))
				.toArray(String[]::new);
		}

		@Override
		public boolean isValid(@Nullable MultipartFile file, ConstraintValidatorContext context) {
			if (file == null) {
				return true;
			}
			String name = file.getOriginalFilename();
			int dot = (name != null) ? name.lastIndexOf('.') : -1;
			if (dot < 0) {
				return false;
			}
			String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
			return Arrays.asList(this.extensions).contains(extension);
		}

	}

}
