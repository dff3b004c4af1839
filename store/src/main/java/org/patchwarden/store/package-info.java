/**
 * SQL persistence for the core's ports, on SQLite (embedded default) and PostgreSQL. Start from
 * {@link org.patchwarden.store.Database}: it opens a pool, migrates the schema with Flyway and hands
 * out the stores. Every feed store loads its snapshots through {@code FeedReplacement}, the one
 * place that decides what changed, records it in the {@code feed_changes} outbox and swaps a
 * feed's content atomically. Reads over whole tables (every advisory record for a matching index,
 * every current inventory) go through {@code CursorRead}, so that rows stream on both databases.
 */
package org.patchwarden.store;
