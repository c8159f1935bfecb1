package dev.nori.gateway;

import java.util.Properties;

/**
 * Sizes Reactor Netty's event loops, which serve both the gateway's clients and its calls
 * to the services, to the processors the gateway may use. Reactor Netty's default is at
 * least four loops, whatever the CPUs: on one or two, a request and its proxied call then
 * often run on different loops, and every hand-over between them is a wake-up and a
 * context switch. The gateway never blocks a loop, so it needs no spare ones. A
 * {@code -Dreactor.netty.ioWorkerCount} given to the JVM wins.
 */
final class EventLoops {

	static final String PROPERTY = "reactor.netty.ioWorkerCount";

	private EventLoops() {
	}

	/**
	 * Sets the number of event loops, unless it is set already.
	 * @param properties where Reactor Netty reads it (the system properties)
	 * @param processors the processors this process may use
	 */
	static void sizeTo(Properties properties, int processors) {
		if (properties.getProperty(PROPERTY) == null) {
			properties.setProperty(PROPERTY, Integer.toString(Math.max(1, processors)));
		}
	}

}
