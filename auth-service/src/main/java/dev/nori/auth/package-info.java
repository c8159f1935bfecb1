/**
 * auth-service: users, passwords, tokens, roles and permissions, and the audit trail.
 */
@NullMarked
package dev.nori.auth;

import org.jspecify.annotations.NullMarked;
