package dev.nori.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

import dev.nori.gateway.identity.IdentityProperties;
import dev.nori.servicedefaults.core.access.Routes;
import dev.nori.gateway.routing.GatewayEndpoints;
import dev.nori.gateway.routing.GatewayProperties;
import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.server.PathContainer;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code /docs}: Swagger UI (from its WebJar, with the page's script in a file so the
 * content security policy needs no inline scripts), and {@code /docs/openapi.json}, the
 * merged document.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DocsProperties.class)
@ConditionalOnProperty(name = "nori.gateway.docs.enabled", matchIfMissing = true)
class DocsConfiguration {

	// the merged documents of a handful of services; far below this
	private static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

	@Bean
	ServiceDocuments serviceDocuments(DocsProperties docs, GatewayProperties gateway, IdentityProperties identity,
			ObjectProvider<BuildProperties> build) {
		WebClient client = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) docs.fetchTimeout().toMillis())
				.responseTimeout(docs.fetchTimeout())))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_DOCUMENT_BYTES))
			.build();
		Routes publicRoutes = Routes.parse(identity.publicRoutes());
		String version = build.stream().findFirst().map(BuildProperties::getVersion).orElse("unversioned");
		OpenApiMerger merger = new OpenApiMerger(docs.title(), version, (method, path) -> publicRoutes
			.matches(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)), PathContainer.parsePath(path)));
		return new ServiceDocuments(client, gateway.services(), docs.fetchTimeout(), docs.cacheFor(), merger);
	}

	@Bean
	GatewayEndpoints docsEndpoints() {
		return GatewayEndpoints.of("/docs", "/docs/**");
	}

	@Bean
	RouterFunction<ServerResponse> docsRoutes(ServiceDocuments documents) {
		String swaggerUi = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
		return RouterFunctions.route()
			.GET("/docs/openapi.json",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.APPLICATION_JSON)
						.body(documents.merged(), tools.jackson.databind.node.ObjectNode.class))
			.GET("/docs",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.TEXT_HTML)
						.bodyValue(new ClassPathResource("dev/nori/gateway/docs/index.html")))
			.GET("/docs/init.js",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.valueOf("text/javascript"))
						.bodyValue(new ClassPathResource("dev/nori/gateway/docs/init.js")))
			.add(RouterFunctions.resources("/docs/swagger-ui/**", new ClassPathResource(swaggerUi)))
			.build();
	}

	private static String swaggerUiVersion() {
		ClassPathResource pom = new ClassPathResource("META-INF/maven/org.webjars/swagger-ui/pom.properties");
		try (InputStream in = pom.getInputStream()) {
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Swagger UI's WebJar is not on the class path", ex);
		}
	}

}
