package org.patchwarden.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Login rate limiting: at most {@code attempts} failed logins per key (user name, client address)
 * in a sliding {@code window}; further attempts are refused until old failures age out. In memory,
 * per server process: a restart forgets, which only gives an attacker one more window.
 */
public final class LoginThrottle {
  private static final int MAX_KEYS = 10_000;
  private final int attempts;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
      return size() > MAX_KEYS;
    }
  };

  public LoginThrottle(int attempts, Duration window, Clock clock) {
    if (attempts < 1) {
      throw new IllegalArgumentException("login attempts: expected at least 1, got " + attempts);
    }
    this.attempts = attempts;
    this.window = window;
    this.clock = clock;
  }

  /** Whether a login for {@code key} may be tried now. */
  public synchronized boolean allows(String key) {
    Deque<Instant> f = failures.get(key);
    if (f == null) {
      return true;
    }
    Instant since = clock.instant().minus(window);
    while (!f.isEmpty() && f.peekFirst().isBefore(since)) {
      f.removeFirst();
    }
    return f.size() < attempts;
  }

  public synchronized void failed(String key) {
    failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(clock.instant());
  }

  public synchronized void succeeded(String key) {
    failures.remove(key);
  }
}
