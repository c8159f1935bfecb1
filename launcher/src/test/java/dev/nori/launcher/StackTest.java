package dev.nori.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class StackTest {

	@Test
	void aPortInUseIsReportedByServiceName(@TempDir Path var) throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int contentPort = taken.getLocalPort();
			StackSettings settings = new StackSettings(new NoriHome(var), var, contentPort - 2, Ports.free(), "nori_",
					Map.of());
			Stack stack = new Stack(settings, new PrintStream(new ByteArrayOutputStream()));
			assertThatIllegalStateException().isThrownBy(stack::start)
				.withMessageContaining("port " + contentPort + " (content-service)");
		}
	}

	@Test
	void portsFollowTheGatewayWithManagementAThousandAbove() {
		StackSettings settings = StackSettings.local(new NoriHome(Path.of(".")));
		ServiceSpec search = ServiceSpec.ALL.get(5);
		assertThat(search.name()).isEqualTo("search-service");
		assertThat(settings.port(search)).isEqualTo(8085);
		assertThat(settings.managementPort(search)).isEqualTo(9085);
	}

	@Test
	void statusListsEveryProcessEvenWhenNothingRuns(@TempDir Path var) {
		StackSettings settings = new StackSettings(new NoriHome(var), var, Ports.free(), Ports.free(), "nori_",
				Map.of());
		assertThat(Stack.status(settings)).hasSize(ServiceSpec.ALL.size() + 2)
			.anySatisfy((line) -> assertThat(line).startsWith("gateway").endsWith("down"));
	}

}
