package org.patchwarden.formats.fetch;

/**
 * The HTTP cache validators of the last good download, sent back as {@code If-None-Match} and
 * {@code If-Modified-Since}; either may be null.
 */
public record Validators(String etag, String lastModified) {
  /** No previous download. */
  public static Validators none() {
    return new Validators(null, null);
  }
}
