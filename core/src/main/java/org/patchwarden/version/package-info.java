/**
 * Versions and ranges, with each ecosystem's real comparison rules. Start from {@link
 * org.patchwarden.version.Schemes}: it hands out the {@link org.patchwarden.version.VersionScheme}
 * for an ecosystem, which parses {@link org.patchwarden.version.Version}s and native ranges into
 * {@link org.patchwarden.version.VersionRange}s. No I/O here.
 */
package org.patchwarden.version;
