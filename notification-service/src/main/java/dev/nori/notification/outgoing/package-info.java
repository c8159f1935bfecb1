/**
 * Outgoing mail: the sent-mail log, delivery with retries and dead letters, the
 * suppression list, and the send API.
 */
@NullMarked
package dev.nori.notification.outgoing;

import org.jspecify.annotations.NullMarked;
