package dev.nori.contracts.content;

import java.util.UUID;

/**
 * One category on a path from the root of the tree.
 *
 * @param id the category's id
 * @param slug its slug
 * @param name its name
 */
public record CategoryRef(UUID id, String slug, String name) {
}
