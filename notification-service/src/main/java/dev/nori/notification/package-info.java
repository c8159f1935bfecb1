/**
 * notification-service: templated mail and live event streams.
 */
@NullMarked
package dev.nori.notification;

import org.jspecify.annotations.NullMarked;
