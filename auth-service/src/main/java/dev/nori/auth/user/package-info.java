/**
 * The user records: who they are, their password hash, and their state.
 */
@NullMarked
package dev.nori.auth.user;

import org.jspecify.annotations.NullMarked;
