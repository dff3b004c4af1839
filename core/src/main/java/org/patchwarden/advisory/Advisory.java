package org.patchwarden.advisory;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One vulnerability as all sources together describe it: the records whose identifiers alias each
 * other, kept side by side so that every statement still says which source made it.
 *
 * @param id the preferred identifier: the smallest CVE id among {@code ids} if any, else the
 *     smallest id
 * @param ids every identifier of the vulnerability, sorted
 * @param records what each source said, ordered by source then id
 */
public record Advisory(String id, Set<String> ids, List<AdvisoryRecord> records) {
  public Advisory {
    Objects.requireNonNull(id, "id");
    ids = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(ids));
    records = List.copyOf(records);
  }
}
