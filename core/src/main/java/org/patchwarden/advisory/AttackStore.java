package org.patchwarden.advisory;

import java.util.List;
import java.util.Optional;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

/** Port: MITRE ATT&CK tactics and techniques, one snapshot per domain source ({@code attack:enterprise-attack} …). */
public interface AttackStore {

  /** Replaces the source's objects atomically; see {@link AdvisoryStore#replace} for the rules. */
  FeedUpdate replace(FeedSnapshot<AttackObject> snapshot, FeedDocument document);

  /** A technique or sub-technique by id ({@code T1190}, {@code T1059.001}), in any domain. */
  Optional<AttackTechnique> technique(String id);

  /** The tactics of a domain ({@code enterprise-attack}), ordered by id. */
  List<AttackTactic> tactics(String domain);

  int count(String source);
}
