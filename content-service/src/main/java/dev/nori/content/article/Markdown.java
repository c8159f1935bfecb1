package dev.nori.content.article;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

import org.springframework.stereotype.Component;

/**
 * Renders article bodies. Markdown may hold raw HTML, so the rendered HTML goes through
 * an allowlist (no scripts, event handlers, styles, frames or {@code javascript:} links;
 * links get {@code rel="nofollow noopener"}) before anyone sees it.
 */
@Component
class Markdown {

	private final Parser parser = Parser.builder().build();

	private final HtmlRenderer renderer = HtmlRenderer.builder().sanitizeUrls(true).build();

	private final Cleaner cleaner = new Cleaner(
			Safelist.relaxed().addEnforcedAttribute("a", "rel", "nofollow noopener"));

	Rendered render(String markdown) {
		String html = this.renderer.render(this.parser.parse(markdown));
		Document clean = this.cleaner.clean(Jsoup.parseBodyFragment(html));
		clean.outputSettings().prettyPrint(false);
		return new Rendered(clean.body().html(), clean.body().text());
	}

	/**
	 * A rendered body.
	 *
	 * @param html sanitized HTML
	 * @param text the plain text, for search
	 */
	record Rendered(String html, String text) {
	}

}
