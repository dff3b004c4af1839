package org.patchwarden.match;

/**
 * What recording findings changed. Findings marked not affected count only in {@code notAffected}.
 *
 * @param opened findings open now that were not before: new ones and reopened ones
 * @param stillOpen open findings found again
 * @param closed open findings not found any more (fixed or retracted)
 * @param reopened of {@code opened}, those that had been fixed or retracted before (they keep their
 *     first-seen time)
 * @param notAffected findings found that a user marked not affected
 */
public record FindingsUpdate(int opened, int stillOpen, int closed, int reopened, int notAffected) {
  /** An update without reopened or not-affected findings. */
  public FindingsUpdate(int opened, int stillOpen, int closed) {
    this(opened, stillOpen, closed, 0, 0);
  }

  /** Both updates together. */
  public FindingsUpdate plus(FindingsUpdate other) {
    return new FindingsUpdate(opened + other.opened, stillOpen + other.stillOpen, closed + other.closed,
        reopened + other.reopened, notAffected + other.notAffected);
  }
}
