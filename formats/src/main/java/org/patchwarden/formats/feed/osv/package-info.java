/**
 * OSV advisories (https://ossf.github.io/osv-schema/) in their published forms: one JSON or YAML
 * record, a directory tree of them, or osv.dev's per-ecosystem {@code all.zip}.
 */
package org.patchwarden.formats.feed.osv;
