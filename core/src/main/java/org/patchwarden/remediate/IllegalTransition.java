package org.patchwarden.remediate;

/** A change or finding asked to move to a state its rules forbid from where it is (e.g. apply before approval). */
public final class IllegalTransition extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IllegalTransition(String message) {
    super(message);
  }
}
