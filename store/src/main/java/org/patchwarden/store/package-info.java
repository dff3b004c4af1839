/**
 * SQL persistence for the core's ports, on SQLite (embedded default) and PostgreSQL. Start from
 * {@link org.patchwarden.store.Database}: it opens a pool, migrates the schema with Flyway and hands
 * out the stores.
 */
package org.patchwarden.store;
