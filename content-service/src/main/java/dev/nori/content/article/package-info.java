/**
 * Articles: drafts, publication, archival, soft deletes, permissions and events.
 */
@NullMarked
package dev.nori.content.article;

import org.jspecify.annotations.NullMarked;
