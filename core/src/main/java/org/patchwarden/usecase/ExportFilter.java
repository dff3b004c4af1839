package org.patchwarden.usecase;

/**
 * Which findings an export holds; a null field does not filter. The same filters as {@code
 * findings}, plus the owner team.
 *
 * @param status a finding status ({@code open}, {@code fixed}, {@code retracted}, {@code
 *     not_affected}), a remediation status ({@code planned}, {@code verified}, {@code
 *     false-positive} …) or {@code all}; null means all
 * @param tier a tier id of the policy, any case
 */
public record ExportFilter(String asset, String packageName, String cve, String status, String tier, String team,
    boolean kevOnly, boolean overdueOnly) {
  /** Every finding of the fleet. */
  public static ExportFilter all() {
    return new ExportFilter(null, null, null, null, null, null, false, false);
  }
}
