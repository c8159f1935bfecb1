/**
 * The jobs dashboard: a server-rendered page (Thymeleaf, htmx) behind the gateway's
 * browser session.
 */
@NullMarked
package dev.nori.jobs.dashboard;

import org.jspecify.annotations.NullMarked;
