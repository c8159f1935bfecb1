/**
 * Passwords: the policy a new password must meet, Argon2id hashing, and verification of
 * the PBKDF2 hashes imported from the Python Nori (replaced by Argon2id at the next
 * login).
 */
@NullMarked
package dev.nori.auth.password;

import org.jspecify.annotations.NullMarked;
