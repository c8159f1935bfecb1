/**
 * Mail templates: a shared layout, HTML and text parts, subjects, previews.
 */
@NullMarked
package dev.nori.notification.template;

import org.jspecify.annotations.NullMarked;
