package org.patchwarden.assess;

import java.util.Optional;
import us.springett.cvss.Cvss;
import us.springett.cvss.MalformedVectorException;
import us.springett.cvss.Score;

/**
 * CVSS scores computed from vectors with {@code us.springett:cvss-calculator}, which implements
 * CVSS v2.0, v3.0, v3.1 and v4.0.
 *
 * <p>For v2 and v3 the base score ignores temporal and environmental metrics present in the
 * vector (the spec's base score). For v4.0 the score is the calculator's score of the vector as
 * written: a vector with threat or environmental metrics scores as CVSS-BT/-BTE, which is what
 * CNAs state for such vectors (all 158 v4.0 statements in the shared CVE 5 records agree).
 */
public final class CvssScoring {
  private CvssScoring() {}

  /**
   * A computed score.
   *
   * @param temporal the v2/v3 temporal score, or -1 when the vector has none (or is v4.0)
   */
  public record Computed(String version, double base, double temporal) {}

  /**
   * The CVSS version a vector is written in: {@code 4.0}, {@code 3.1}, {@code 3.0}, {@code 2.0}
   * for an unprefixed vector, or the prefix's own version text for any other {@code CVSS:x/}.
   */
  public static String version(String vector) {
    if (vector.startsWith("CVSS:4.0/")) {
      return "4.0";
    }
    if (vector.startsWith("CVSS:3.1/")) {
      return "3.1";
    }
    if (vector.startsWith("CVSS:3.0/")) {
      return "3.0";
    }
    if (vector.startsWith("CVSS:")) {
      int slash = vector.indexOf('/');
      return slash > 5 ? vector.substring(5, slash) : vector.substring(5);
    }
    return "2.0"; // NB: v2 vectors carry no prefix, sometimes parenthesised
  }

  /** The score computed from the vector, or empty when the calculator cannot parse it. */
  public static Optional<Computed> compute(String vector) {
    Cvss cvss;
    try {
      cvss = Cvss.fromVector(vector.strip());
    } catch (MalformedVectorException e) {
      return Optional.empty();
    }
    if (cvss == null) {
      return Optional.empty();
    }
    Score s = cvss.calculateScore();
    if (!(s.getBaseScore() >= 0 && s.getBaseScore() <= 10)) {
      return Optional.empty();
    }
    return Optional.of(new Computed(version(vector.strip()), s.getBaseScore(), s.getTemporalScore()));
  }
}
