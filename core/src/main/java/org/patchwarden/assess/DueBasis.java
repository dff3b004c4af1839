package org.patchwarden.assess;

/** What set a due date. */
public enum DueBasis {
  /** First seen plus the tier's remediation window. */
  TIER_WINDOW,
  /** CISA's KEV due date, earlier than the tier window's end. */
  KEV_DUE_DATE
}
