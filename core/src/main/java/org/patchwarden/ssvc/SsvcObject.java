package org.patchwarden.ssvc;

/** An object of the CERT/CC SSVC data: a decision point or a decision table. */
public sealed interface SsvcObject permits SsvcDecisionPoint, SsvcDecisionTable {
  /** {@code namespace:key:version}, unique across the data. */
  String ref();
}
