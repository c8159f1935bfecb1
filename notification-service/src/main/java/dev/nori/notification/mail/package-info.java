/**
 * Mail drivers: one interface, one class per way of delivering ({@code log},
 * {@code smtp}, {@code http}), chosen by configuration.
 */
@NullMarked
package dev.nori.notification.mail;

import org.jspecify.annotations.NullMarked;
