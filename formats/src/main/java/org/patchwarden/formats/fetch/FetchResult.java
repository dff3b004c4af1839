package org.patchwarden.formats.fetch;

import java.nio.file.Path;

/** The outcome of a conditional download. */
public sealed interface FetchResult {

  /** The server says our copy is current (304). */
  record NotModified(String url) implements FetchResult {}

  /**
   * A complete body, decompressed, in {@code file} (the caller owns and deletes it).
   *
   * @param validators what to send next time
   */
  record Downloaded(String url, Path file, long bytes, Validators validators) implements FetchResult {}
}
