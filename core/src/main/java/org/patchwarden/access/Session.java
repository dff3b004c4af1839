package org.patchwarden.access;

import java.time.Instant;
import java.util.Objects;

/**
 * A browser session: who, until when, and the CSRF token that state-changing requests must echo.
 * Only a hash of the session id is stored; the id itself lives in the browser's cookie.
 */
public record Session(String idHash, String userName, String csrfToken, Instant expires) {
  public Session {
    Objects.requireNonNull(idHash, "idHash");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(csrfToken, "csrfToken");
    Objects.requireNonNull(expires, "expires");
  }
}
