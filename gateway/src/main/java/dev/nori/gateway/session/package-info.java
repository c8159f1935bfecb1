/**
 * Browser session mode (backend for frontend): a browser logs in at the gateway, gets an
 * HttpOnly session cookie, and never holds a token; the gateway keeps the tokens in a
 * Redis-backed session, relays them as bearer tokens, refreshes them, and requires a CSRF
 * token on unsafe requests that the cookie authenticates.
 */
@NullMarked
package dev.nori.gateway.session;

import org.jspecify.annotations.NullMarked;
