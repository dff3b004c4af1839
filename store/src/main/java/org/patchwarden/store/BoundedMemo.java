package org.patchwarden.store;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values computed once per key and kept, thread-safe: at most {@code max} of them, past which the
 * memory starts over, so that keys built from data (statements, alias lists) cannot grow it without
 * bound in a server that runs for months.
 */
final class BoundedMemo<K, V> {
  private final int max;
  private final ConcurrentHashMap<K, V> values = new ConcurrentHashMap<>();

  BoundedMemo(int max) {
    this.max = max;
  }

  /** The value kept for {@code key}, else {@code compute}'s, kept unless it is null. */
  V get(K key, Function<? super K, ? extends V> compute) {
    V value = values.get(key);
    if (value == null) {
      value = compute.apply(key);
      if (value != null) {
        if (values.size() >= max) {
          values.clear();
        }
        values.put(key, value);
      }
    }
    return value;
  }
}
