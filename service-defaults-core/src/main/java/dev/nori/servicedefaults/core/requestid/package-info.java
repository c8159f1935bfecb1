/**
 * Request-id rules shared by the gateway and the services: which client ids are accepted
 * and how new ones are made.
 */
@NullMarked
package dev.nori.servicedefaults.core.requestid;

import org.jspecify.annotations.NullMarked;
