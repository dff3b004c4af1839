package org.patchwarden.usecase;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.patchwarden.match.Confidence;
import org.patchwarden.match.Finding;
import org.patchwarden.match.TrackedFinding;
import org.patchwarden.remediate.RemediationStatus;

/**
 * What an export states about one finding in VEX terms: affected, not affected (with a
 * justification), fixed or under investigation, and what is being done about it.
 *
 * @param justification one of {@link #JUSTIFICATIONS} (the CSAF / CISA VEX vocabulary) for a
 *     not-affected statement whose reason names one, else empty
 * @param falsePositive whether the user called the match itself wrong (a {@code false-positive} mark)
 * @param detail the statement in words: the user's reason, the fix, or why it is only under investigation
 * @param response what is done about an affected finding; {@link Response#NONE} otherwise
 */
public record VexStatement(Status status, String justification, boolean falsePositive, String detail,
    Response response) {
  /** VEX statuses, as CISA's minimum requirements name them. */
  public enum Status { AFFECTED, NOT_AFFECTED, FIXED, UNDER_INVESTIGATION;

    /** e.g. {@code not_affected}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What is done about an affected finding. */
  public enum Response { UPDATE, WILL_NOT_FIX, CAN_NOT_FIX, NONE }

  /** The not-affected justifications of CSAF 2.0 flags and CISA's VEX status justifications. */
  public static final List<String> JUSTIFICATIONS = List.of("component_not_present", "vulnerable_code_not_present",
      "vulnerable_code_not_in_execute_path", "vulnerable_code_cannot_be_controlled_by_adversary",
      "inline_mitigations_already_exist");

  public VexStatement {
    Objects.requireNonNull(status, "status");
    justification = justification == null ? "" : justification;
    if (!justification.isEmpty() && !JUSTIFICATIONS.contains(justification)) {
      throw new IllegalArgumentException("unknown VEX justification '" + justification + "'");
    }
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(response, "response");
  }

  /** The statement for a tracked finding standing at {@code remediation} in the loop. */
  public static VexStatement of(TrackedFinding t, RemediationStatus remediation) {
    Finding f = t.finding();
    return switch (remediation) {
      case NOT_AFFECTED -> notAffected(t.mark().reason(), false);
      case FALSE_POSITIVE -> notAffected(t.mark().reason().substring(RemediationStatus.FALSE_POSITIVE_PREFIX.length()), true);
      // NB: a retracted finding is one the advisory itself no longer covers: the advisory says "not affected".
      case RETRACTED -> new VexStatement(Status.NOT_AFFECTED, "vulnerable_code_not_present", false,
          "the advisory no longer covers " + f.installed().name() + " " + f.installed().version(), Response.NONE);
      case VERIFIED -> new VexStatement(Status.FIXED, "", false, "fix verified"
          + (t.fixedByRevision() > 0 ? " by inventory revision " + t.fixedByRevision() : ""), Response.NONE);
      case FIXED -> new VexStatement(Status.FIXED, "", false, "gone from inventory revision " + t.fixedByRevision(),
          Response.NONE);
      case OPEN, FAILED, PLANNED, APPLIED, RISK_ACCEPTED -> affected(f, remediation);
    };
  }

  private static VexStatement affected(Finding f, RemediationStatus remediation) {
    String fix = f.fixedVersion().isEmpty() ? "no fixed version known"
        : "upgrade " + f.installed().name() + " to " + f.fixedVersion();
    String loop = switch (remediation) {
      case PLANNED -> "; a change is planned";
      case APPLIED -> "; a change is applied, not verified yet";
      case FAILED -> "; the last change failed verification";
      case RISK_ACCEPTED -> "; risk accepted";
      default -> "";
    };
    Response response = remediation == RemediationStatus.RISK_ACCEPTED ? Response.WILL_NOT_FIX
        : f.fixedVersion().isEmpty() ? Response.CAN_NOT_FIX : Response.UPDATE;
    if (f.confidence() != Confidence.CONFIRMED) {
      String why = f.confidence() == Confidence.CPE_MATCH ? "matched by CPE bounds only" : "matched by KEV product only";
      return new VexStatement(Status.UNDER_INVESTIGATION, "", false, why + ": verify (" + fix + loop + ")", response);
    }
    return new VexStatement(Status.AFFECTED, "", false, fix + loop, response);
  }

  /**
   * A not-affected statement from the user's reason; a reason that starts with a justification
   * (e.g. {@code "vulnerable_code_not_in_execute_path: module not loaded"}) states it.
   */
  private static VexStatement notAffected(String reason, boolean falsePositive) {
    String lower = reason.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    String named = JUSTIFICATIONS.stream().filter(lower::startsWith).findFirst().orElse("");
    // a false positive is a wrong match: the vulnerable code is not there, whatever the words
    String justification = named.isEmpty() && falsePositive ? "vulnerable_code_not_present" : named;
    return new VexStatement(Status.NOT_AFFECTED, justification, falsePositive, reason.strip(), Response.NONE);
  }
}
