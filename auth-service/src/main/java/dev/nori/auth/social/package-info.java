/**
 * Login through other identity providers (Google and Keycloak over OIDC, GitHub over
 * OAuth2) with Spring Security's OAuth2 client: authorization code with PKCE,
 * {@code state} bound to the browser and kept in Redis (any instance can take the
 * callback, each state works once), {@code nonce} for OIDC. Accounts are linked by the
 * provider's subject; the callback ends in the same tokens as a password login.
 */
@NullMarked
package dev.nori.auth.social;

import org.jspecify.annotations.NullMarked;
