/**
 * Roles as sets of permission strings, users' roles, and the admin API that changes them.
 * A change reaches the services on the user's next request through Redis, and is audited
 * and published.
 */
@NullMarked
package dev.nori.auth.role;

import org.jspecify.annotations.NullMarked;
