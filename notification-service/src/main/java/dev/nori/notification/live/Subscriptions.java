package dev.nori.notification.live;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import dev.nori.servicedefaults.problem.ProblemException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The rules every subscription follows, on either transport.
 */
final class Subscriptions {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_TYPES = 50;

	private Subscriptions() {
	}

	/**
	 * Checks requested types: each must be streamable, and the viewer must be allowed it.
	 * @throws InvalidFieldsException 400 when a type is unknown or none is given
	 * @throws ProblemException 403 when a type is for administrators only
	 */
	static Set<String> check(List<String> types, Viewer viewer) {
		if (types.isEmpty() || types.size() > MAX_TYPES) {
			throw new InvalidFieldsException(
					List.of(new FieldViolation("types", "name between 1 and " + MAX_TYPES + " event types")));
		}
		Set<String> checked = new LinkedHashSet<>();
		for (String name : types) {
			StreamableTypes.StreamableType type = StreamableTypes.find(name)
				.orElseThrow(() -> new InvalidFieldsException(List.of(new FieldViolation("types",
						"'" + abbreviated(name) + "' is not a streamable event type; these are: "
								+ new TreeSet<>(StreamableTypes.all().keySet())))));
			if (!viewer.maySubscribe(type)) {
				throw ProblemException.forbidden(name + " is for holders of " + StreamableTypes.ADMIN_PERMISSION);
			}
			checked.add(name);
		}
		return checked;
	}

	static List<String> permissions(Authentication caller) {
		return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
	}

	static String quoted(String value) {
		return JSON.writeValueAsString(value);
	}

	private static String abbreviated(String name) {
		return (name.length() > 80) ? name.substring(0, 80) + "…" : name;
	}

}
