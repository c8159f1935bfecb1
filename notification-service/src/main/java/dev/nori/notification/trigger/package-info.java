/**
 * Mail triggered by events: verification, password reset, welcome, password changed.
 */
@NullMarked
package dev.nori.notification.trigger;

import org.jspecify.annotations.NullMarked;
