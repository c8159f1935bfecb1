package dev.nori.notification.template;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import dev.nori.notification.mail.MailProperties;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.stereotype.Component;

/**
 * Renders mail from the templates under {@code mail/}: the HTML part inside the shared
 * layout with every variable escaped, the text part as plain text, the subject from the
 * text template's first line.
 */
@Component
public class MailTemplates {

	private static final String SUBJECT_PREFIX = "Subject:";

	private static final Map<String, MailTemplate> CATALOG = catalog(
			new MailTemplate("verification", set("name", "link", "expiresAt"),
					Map.of("name", "Ada", "link", "https://example.com/verify-email?token=sample", "expiresAt",
							"2026-12-01 10:00 UTC")),
			new MailTemplate("password-reset", set("name", "link", "expiresAt"),
					Map.of("name", "Ada", "link", "https://example.com/reset-password?token=sample", "expiresAt",
							"2026-12-01 10:00 UTC")),
			new MailTemplate("welcome", set("email"), Map.of("email", "ada@example.com")),
			new MailTemplate("password-changed", set("email", "changedAt"),
					Map.of("email", "ada@example.com", "changedAt", "2026-12-01 10:00 UTC")),
			new MailTemplate("article-published", set("articles"),
					Map.of("articles",
							List.of(Map.of("title", "Hello, world", "summary", "The first article", "link",
									"https://example.com/articles/hello-world"),
									Map.of("title", "Second thoughts", "summary", "", "link",
											"https://example.com/articles/second-thoughts")))),
			new MailTemplate("webhook-disabled", set("url", "failures", "lastError"), Map.of("url",
					"https://example.com/hooks", "failures", 10, "lastError", "POST example.com answered 503")));

	private final SpringTemplateEngine html = engine(TemplateMode.HTML, ".html");

	private final SpringTemplateEngine text = engine(TemplateMode.TEXT, ".txt");

	private final String productName;

	MailTemplates(MailProperties properties) {
		this.productName = properties.productName();
	}

	/**
	 * Returns every template.
	 * @return the templates by name
	 */
	public Map<String, MailTemplate> catalog() {
		return CATALOG;
	}

	/**
	 * Finds a template.
	 * @param name its name
	 * @return the template, if there is one
	 */
	public Optional<MailTemplate> find(String name) {
		return Optional.ofNullable(CATALOG.get(name));
	}

	/**
	 * Renders a template.
	 * @param name the template's name
	 * @param variables its variables
	 * @return the subject and both parts
	 * @throws InvalidFieldsException when the template does not exist, a variable is
	 * missing, or a link is not http(s)
	 */
	public RenderedMail render(String name, Map<String, ?> variables) {
		MailTemplate template = find(name).orElseThrow(() -> new InvalidFieldsException(
				List.of(new FieldViolation("template", "must be one of " + new TreeSet<>(CATALOG.keySet())))));
		List<FieldViolation> problems = new java.util.ArrayList<>();
		for (String required : template.variables()) {
			if (variables.get(required) == null) {
				problems.add(new FieldViolation("variables." + required, "is required by " + name));
			}
		}
		variables.forEach((key, value) -> {
			if (key.toLowerCase(Locale.ROOT).endsWith("link") && !isWebLink(value)) {
				problems.add(new FieldViolation("variables." + key, "must be an http or https URL"));
			}
		});
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
		Map<String, Object> values = new HashMap<>(variables);
		values.put("product", this.productName);
		Context context = new Context(Locale.ENGLISH, values);
		String renderedText = this.text.process(name, context);
		int lineEnd = renderedText.indexOf('\n');
		String firstLine = (lineEnd < 0) ? renderedText : renderedText.substring(0, lineEnd);
		if (!firstLine.startsWith(SUBJECT_PREFIX)) {
			throw new IllegalStateException("mail/" + name + ".txt must start with a Subject: line");
		}
		// a subject is one line whatever the variables held
		String subject = firstLine.substring(SUBJECT_PREFIX.length()).replaceAll("[\\r\\n\\t]+", " ").strip();
		String body = renderedText.substring(lineEnd + 1).stripLeading();
		return new RenderedMail(name, subject, this.html.process(name, context), body);
	}

	private static boolean isWebLink(Object value) {
		try {
			String scheme = URI.create(String.valueOf(value)).getScheme();
			return "https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static SpringTemplateEngine engine(TemplateMode mode, String suffix) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("mail/");
		resolver.setSuffix(suffix);
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCacheable(true);
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		engine.setEnableSpringELCompiler(true);
		return engine;
	}

	private static Map<String, MailTemplate> catalog(MailTemplate... templates) {
		Map<String, MailTemplate> byName = new LinkedHashMap<>();
		for (MailTemplate template : templates) {
			byName.put(template.name(), template);
		}
		return java.util.Collections.unmodifiableMap(byName);
	}

	private static java.util.Set<String> set(String... names) {
		return java.util.Set.of(names);
	}

}
