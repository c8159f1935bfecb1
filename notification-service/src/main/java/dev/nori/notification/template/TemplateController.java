package dev.nori.notification.template;

import java.util.List;
import java.util.Map;

import dev.nori.servicedefaults.problem.ProblemException;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/notifications/templates}: what templates exist, and each rendered with
 * sample values, for administrators.
 */
@RestController
@PreAuthorize("hasAuthority('notifications.manage')")
@RequestMapping("/api/notifications/templates")
class TemplateController {

	private final MailTemplates templates;

	TemplateController(MailTemplates templates) {
		this.templates = templates;
	}

	@GetMapping
	Map<String, List<MailTemplate>> list() {
		return Map.of("items", List.copyOf(this.templates.catalog().values()));
	}

	@GetMapping("/{name}/preview")
	RenderedMail preview(@PathVariable String name) {
		MailTemplate template = this.templates.find(name)
			.orElseThrow(() -> ProblemException.notFound("No template " + name));
		return this.templates.render(template.name(), template.sample());
	}

}
