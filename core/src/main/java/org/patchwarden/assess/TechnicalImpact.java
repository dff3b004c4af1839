package org.patchwarden.assess;

import java.util.Locale;

/** SSVC Technical Impact: partial or total control over (or disclosure by) the vulnerable software. */
public enum TechnicalImpact {
  PARTIAL("Partial"),
  TOTAL("Total");

  private final String ssvcName;

  TechnicalImpact(String ssvcName) {
    this.ssvcName = ssvcName;
  }

  /** The value's name in the SSVC decision point data ({@code ssvc:TI}). */
  public String ssvcName() {
    return ssvcName;
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
