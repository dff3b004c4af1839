package org.patchwarden.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** A list cut into consecutive chunks: the statements that take many keys or rows take them a chunk at a time. */
final class Chunks {
  private Chunks() {}

  /** {@code rows} in chunks of at most {@code size}, in order (views of the list). */
  static <T> List<List<T>> of(List<T> rows, int size) {
    List<List<T>> out = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += size) {
      out.add(rows.subList(from, Math.min(rows.size(), from + size)));
    }
    return out;
  }

  /** The distinct {@code keys}, in their first order, in chunks of {@value FeedReplacement#BATCH} (an IN list each). */
  static List<List<String>> ofKeys(Collection<String> keys) {
    return of(List.copyOf(new LinkedHashSet<>(keys)), FeedReplacement.BATCH);
  }
}
