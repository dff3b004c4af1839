package org.patchwarden.app.feeds;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.patchwarden.app.config.Upstream;
import org.patchwarden.formats.fetch.Validators;

/**
 * Brings an upstream's new content into its mirror directory, beside (never over) the last good
 * copy: one implementation per {@link Upstream.Layout}.
 */
interface Stage {
  /**
   * @param previous the validators of the last good copy, or none when there is no copy
   * @param dir the upstream's mirror directory; what is staged lands in it
   * @return the staged content, or empty when upstream says our copy is current
   * @throws RuntimeException when the download failed or broke a limit; nothing is left behind
   */
  Optional<Staged> fetch(Upstream upstream, Validators previous, Path dir, LongConsumer progress);

  /**
   * New content, not loaded yet: the caller loads it, then moves it over the mirror copy or deletes it.
   *
   * @param path a file or a directory, in the mirror directory
   * @param bytes bytes downloaded
   * @param validators what to send next time
   */
  record Staged(Path path, long bytes, Validators validators) {}
}
