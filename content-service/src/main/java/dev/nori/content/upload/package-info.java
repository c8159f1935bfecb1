/**
 * Uploads: streamed into quarantine, verified without trusting the client (size, name,
 * extension, declared and detected type, image dimensions, markup), counted against a
 * per-user quota, then promoted; served so that browsers never run them.
 */
@NullMarked
package dev.nori.content.upload;

import org.jspecify.annotations.NullMarked;
