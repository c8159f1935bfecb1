/**
 * Login sessions: password login with lockout, token pairs, refresh-token rotation with
 * reuse detection, logout of one session or all, and the session list.
 */
@NullMarked
package dev.nori.auth.session;

import org.jspecify.annotations.NullMarked;
