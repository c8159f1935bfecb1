/**
 * Accounts: registration, email verification, password reset and change, the user's own
 * view, the first admin, and the admin API of users (listing, disabling, importing users
 * of the Python Nori).
 */
@NullMarked
package dev.nori.auth.account;

import org.jspecify.annotations.NullMarked;
