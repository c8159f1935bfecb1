package dev.nori.servicedefaults.requestid;

import dev.nori.servicedefaults.core.requestid.RequestIds;
import org.slf4j.MDC;

import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * Sends the current request id on outgoing HTTP calls made with Spring's
 * {@link RestClient}, so that one id follows a request across services.
 */
public class RequestIdPropagation implements RestClientCustomizer {

	@Override
	public void customize(RestClient.Builder builder) {
		builder.requestInterceptor(interceptor());
	}

	/**
	 * Returns the interceptor that adds the header.
	 * @return the interceptor
	 */
	public static ClientHttpRequestInterceptor interceptor() {
		return (request, body, execution) -> {
			String requestId = MDC.get(RequestIds.CONTEXT_KEY);
			if (requestId != null && !request.getHeaders().containsHeader(RequestIds.HEADER)) {
				request.getHeaders().set(RequestIds.HEADER, requestId);
			}
			return execution.execute(request, body);
		};
	}

}
