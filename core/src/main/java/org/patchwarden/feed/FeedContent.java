package org.patchwarden.feed;

/** What a feed holds, as far as the loading policy cares: whether it is dated, matched, or made of many documents. */
public enum FeedContent {
  /** The CISA KEV catalog: one dated catalog; its changes re-match the KEV-product findings. */
  KEV(true, false, false),
  /** A FIRST EPSS file: one dated set of scores. */
  EPSS(true, false, false),
  /** Advisories published as one document (Debian DSA/DLA lists, the tracker JSON). */
  ADVISORY_LIST(false, true, false),
  /** Advisories published one document per record or page (OSV, CVE 5, NVD pages): a load may hold a few. */
  ADVISORY_RECORDS(false, true, true),
  /** Reference data that is not matched (ATT&CK, KEV→ATT&CK mappings, SSVC). */
  REFERENCE(false, false, false);

  private final boolean dated;
  private final boolean advisories;
  private final boolean manyDocuments;

  FeedContent(boolean dated, boolean advisories, boolean manyDocuments) {
    this.dated = dated;
    this.advisories = advisories;
    this.manyDocuments = manyDocuments;
  }

  /** One catalog with its own release date: an older one must never replace a newer one. */
  public boolean dated() {
    return dated;
  }

  /** Advisory records that findings are matched from. */
  public boolean advisories() {
    return advisories;
  }

  /** A source made of many documents, so that one document is only part of it. */
  public boolean manyDocuments() {
    return manyDocuments;
  }
}
