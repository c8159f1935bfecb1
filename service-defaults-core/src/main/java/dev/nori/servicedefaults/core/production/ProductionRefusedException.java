package dev.nori.servicedefaults.core.production;

import java.util.List;

/**
 * The {@code prod} profile refused to start the process.
 */
public class ProductionRefusedException extends IllegalStateException {

	private final List<String> problems;

	/**
	 * Creates the refusal.
	 * @param problems every problem found
	 */
	public ProductionRefusedException(List<String> problems) {
		super("The prod profile refuses to start with " + problems.size()
				+ ((problems.size() == 1) ? " problem" : " problems") + ":\n - " + String.join("\n - ", problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns the problems found.
	 * @return one sentence per problem
	 */
	public List<String> problems() {
		return this.problems;
	}

}
