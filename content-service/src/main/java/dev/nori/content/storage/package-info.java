/**
 * Object storage behind one interface: local disk (the default) and S3 (MinIO or any
 * S3-compatible store), chosen by {@code nori.content.storage.driver}.
 */
@NullMarked
package dev.nori.content.storage;

import org.jspecify.annotations.NullMarked;
