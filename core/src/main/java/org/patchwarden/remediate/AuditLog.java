package org.patchwarden.remediate;

import java.util.List;

/** Port: the append-only audit log. There is no way to change or remove an entry, by design. */
public interface AuditLog {
  /** Appends entries, in order, atomically. */
  void append(List<AuditEntry> entries);

  /** Entries about {@code subject} (e.g. {@code change:3}), or all when null, oldest first. */
  List<AuditEntry> list(String subject);
}
