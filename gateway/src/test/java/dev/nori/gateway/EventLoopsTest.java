package dev.nori.gateway;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventLoopsTest {

	private final Properties properties = new Properties();

	@Test
	void oneLoopPerProcessor() {
		EventLoops.sizeTo(this.properties, 2);

		assertThat(this.properties.getProperty("reactor.netty.ioWorkerCount")).isEqualTo("2");
	}

	@Test
	void aCountGivenToTheJvmWins() {
		this.properties.setProperty("reactor.netty.ioWorkerCount", "8");

		EventLoops.sizeTo(this.properties, 1);

		assertThat(this.properties.getProperty("reactor.netty.ioWorkerCount")).isEqualTo("8");
	}

}
