/**
 * Feeds as the domain sees them: a {@link org.patchwarden.feed.FeedSnapshot} streams records of one
 * document, a {@link org.patchwarden.feed.FeedVersion} records which document is current. Readers
 * for each format live in the {@code formats} module.
 */
package org.patchwarden.feed;
