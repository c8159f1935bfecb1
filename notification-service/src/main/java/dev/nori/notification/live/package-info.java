/**
 * Live domain events for clients: WebSocket and Server-Sent Events, filtered by what each
 * viewer may see.
 */
@NullMarked
package dev.nori.notification.live;

import org.jspecify.annotations.NullMarked;
