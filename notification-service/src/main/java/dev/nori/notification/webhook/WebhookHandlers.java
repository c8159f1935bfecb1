package dev.nori.notification.webhook;

import dev.nori.notification.live.StreamableTypes;

import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One event handler bean per streamable type (fan-out to endpoints) and per job outcome
 * (the delivery log): the event backbone dispatches by type, one handler per type.
 */
@Configuration(proxyBeanMethods = false)
class WebhookHandlers {

	@Bean
	static BeanDefinitionRegistryPostProcessor webhookHandlerDefinitions() {
		return (BeanDefinitionRegistry registry) -> {
			StreamableTypes.all()
				.keySet()
				.forEach((type) -> register(registry, "webhookFanout:" + type, WebhookFanout.class, type));
			for (String outcome : new String[] { "succeeded", "failed", "dead" }) {
				register(registry, "webhookDeliveryOutcome:" + outcome, DeliveryOutcome.class, outcome);
			}
		};
	}

	private static void register(BeanDefinitionRegistry registry, String name, Class<?> type, String argument) {
		RootBeanDefinition definition = new RootBeanDefinition(type);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(0, argument);
		definition.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
		registry.registerBeanDefinition(name, definition);
	}

}
