package org.patchwarden.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Login rate limiting: at most {@code perUser} failed logins per user name and {@code perAddress}
 * per client address in a sliding {@code window}; further attempts are refused until old failures
 * age out. Addresses get a larger allowance, as many people may share one (a proxy, a NAT). In
 * memory, per server process: a restart forgets, which only gives an attacker one more window.
 */
public final class LoginThrottle {
  private static final int MAX_KEYS = 10_000;
  private final int perUser;
  private final int perAddress;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
      return size() > MAX_KEYS;
    }
  };

  public LoginThrottle(int perUser, int perAddress, Duration window, Clock clock) {
    if (perUser < 1 || perAddress < 1) {
      throw new IllegalArgumentException("login attempts: expected at least 1, got " + perUser + " and " + perAddress);
    }
    this.perUser = perUser;
    this.perAddress = perAddress;
    this.window = window;
    this.clock = clock;
  }

  /** Whether a login as {@code user} from {@code address} may be tried now. */
  public synchronized boolean allows(String user, String address) {
    return recent("user:" + user) < perUser && recent("addr:" + address) < perAddress;
  }

  public synchronized void failed(String user, String address) {
    failures.computeIfAbsent("user:" + user, k -> new ArrayDeque<>()).addLast(clock.instant());
    failures.computeIfAbsent("addr:" + address, k -> new ArrayDeque<>()).addLast(clock.instant());
  }

  /** A successful login clears the user's failures (not the address's: others may be guessing from it). */
  public synchronized void succeeded(String user) {
    failures.remove("user:" + user);
  }

  private int recent(String key) {
    Deque<Instant> f = failures.get(key);
    if (f == null) {
      return 0;
    }
    Instant since = clock.instant().minus(window);
    while (!f.isEmpty() && f.peekFirst().isBefore(since)) {
      f.removeFirst();
    }
    return f.size();
  }
}
