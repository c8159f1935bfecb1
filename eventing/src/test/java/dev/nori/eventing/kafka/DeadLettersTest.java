package dev.nori.eventing.kafka;

import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.ListenerExecutionFailedException;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLettersTest {

	@Test
	void reasonIsTheListenersOwnFailureNotTheContainersWrapper() {
		var wrapped = new ListenerExecutionFailedException("Listener failed",
				new IllegalStateException("thing 7 cannot be handled"));
		assertThat(DeadLetters.reason(wrapped)).isEqualTo("thing 7 cannot be handled");
	}

	@Test
	void reasonWithoutMessageSaysSo() {
		assertThat(DeadLetters.reason(new NullPointerException())).isEqualTo("failed without a message");
	}

}
