package org.patchwarden.remediate;

/**
 * Someone else saved the change since it was read (optimistic versioning): nothing was written;
 * read the change again and retry.
 */
public final class ChangeConflict extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ChangeConflict(long changeId, int expectedVersion) {
    super("change " + changeId + " was changed by someone else (expected version " + expectedVersion
        + "); read it again and retry");
  }
}
