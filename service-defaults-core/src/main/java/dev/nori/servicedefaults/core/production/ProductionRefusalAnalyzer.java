package dev.nori.servicedefaults.core.production;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a production refusal as a list of problems rather than a stack trace.
 */
class ProductionRefusalAnalyzer extends AbstractFailureAnalyzer<ProductionRefusedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ProductionRefusedException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix each setting named above (see the README's \"Running in production\"), "
						+ "or run without the prod profile for local use.",
				cause);
	}

}
