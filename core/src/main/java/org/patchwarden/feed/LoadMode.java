package org.patchwarden.feed;

/** How a loaded document relates to what its source already holds. */
public enum LoadMode {
  /** The document is the source's full snapshot: records it does not hold are removed. */
  REPLACE,
  /** The document holds some of the source's records: they are added or updated, the others kept. */
  MERGE
}
