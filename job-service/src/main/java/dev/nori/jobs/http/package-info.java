/**
 * The built-in {@code http} job: a request to another system, signed with the Standard
 * Webhooks scheme when a secret is named, never to private addresses unless allowed.
 */
@NullMarked
package dev.nori.jobs.http;

import org.jspecify.annotations.NullMarked;
