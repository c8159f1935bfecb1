/**
 * One OpenAPI document for every service behind the gateway, and Swagger UI to read it.
 */
@NullMarked
package dev.nori.gateway.docs;

import org.jspecify.annotations.NullMarked;
