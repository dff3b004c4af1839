package org.patchwarden.feed;

import java.util.function.Consumer;

/**
 * The records of one feed document, readable once. Readers stream: {@link #drainTo} pushes each
 * record to the sink as it is parsed, so a store can write them inside one open transaction and
 * roll back if reading fails half-way.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface FeedSnapshot<T> {

  /**
   * Pushes every record to {@code sink} and returns the document's header.
   *
   * @throws FeedFormatException when the document is malformed; records already pushed must then
   *     be discarded by the caller
   */
  FeedHeader drainTo(Consumer<? super T> sink);
}
