package dev.nori.servicedefaults.validation;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockMultipartFile;
import org.springframework.web.multipart.MultipartFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The constraints Bean Validation lacks, through a real Hibernate Validator. */
class ValidationRulesTest {

	private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();

	private static final Validator validator = factory.getValidator();

	@AfterAll
	static void close() {
		factory.close();
	}

	@Test
	void oneOfAcceptsOnlyTheListedValues() {
		assertThat(violations(new Choice("asc"))).isEmpty();
		assertThat(violations(new Choice(null))).isEmpty();
		assertThat(violations(new Choice("ASC"))).containsExactly("order: must be one of [asc, desc]");
		assertThat(violations(new Choice("sideways"))).containsExactly("order: must be one of [asc, desc]");
	}

	@Test
	void fileRulesCheckPresenceSizeAndType() {
		assertThat(violations(new Upload(file("a.PNG", 10)))).isEmpty();
		assertThat(violations(new Upload(null))).containsExactly("file: must be a non-empty file");
		assertThat(violations(new Upload(file("a.png", 0)))).containsExactly("file: must be a non-empty file");
		assertThat(violations(new Upload(file("a.png", 1025)))).containsExactly("file: must be at most 1KB");
		assertThat(violations(new Upload(file("a.exe", 10))))
			.containsExactly("file: must be one of the types [png, jpg]");
		assertThat(violations(new Upload(file("noextension", 10))))
			.containsExactly("file: must be one of the types [png, jpg]");
	}

	private static MultipartFile file(String name, int size) {
		return new MockMultipartFile("file", name, "application/octet-stream", new byte[size]);
	}

	private static Set<String> violations(Object bean) {
		Set<ConstraintViolation<Object>> found = validator.validate(bean);
		return found.stream()
			.map((violation) -> violation.getPropertyPath() + ": " + violation.getMessage())
			.collect(Collectors.toSet());
	}

	record Choice(@Nullable @OneOf( {
			"asc", "desc" }) String order){
	}

	record Upload(@Nullable @NotEmptyFile @MaxFileSize("1KB") @FileTypes( {
			"png", "jpg" }) MultipartFile file){
	}

}
