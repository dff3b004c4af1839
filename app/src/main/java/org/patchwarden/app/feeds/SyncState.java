package org.patchwarden.app.feeds;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What the last sync of one upstream learned, kept beside the mirrored file: the HTTP validators of
 * the last good download (for conditional GET), when we last asked and when we last loaded.
 * Written only after the downloaded document was loaded, so the validators always describe the
 * data in the store.
 */
record SyncState(String url, String etag, String lastModified, String lastChecked, String lastLoaded, String lastError) {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String FILE = "sync-state.json";

  static SyncState empty(String url) {
    return new SyncState(url, null, null, null, null, null);
  }

  /** The state in {@code dir}, or an empty one when there is none or it is unreadable. */
  static SyncState read(Path dir, String url) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return empty(url);
    }
    try {
      SyncState s = JSON.readValue(file.toFile(), SyncState.class);
      // Validators of another URL must not be sent to this one.
      return url.equals(s.url()) ? s : empty(url);
    } catch (IOException e) {
      return empty(url); // a damaged state file only costs one unconditional download
    }
  }

  void write(Path dir) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, FILE, ".tmp");
      JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
      Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write sync state in " + dir, e);
    }
  }
}
