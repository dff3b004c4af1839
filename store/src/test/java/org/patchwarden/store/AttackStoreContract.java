package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.patchwarden.advisory.AttackObject;
import org.patchwarden.advisory.AttackTactic;
import org.patchwarden.advisory.AttackTechnique;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;

/** What every {@link org.patchwarden.advisory.AttackStore} must do, on every database. */
abstract class AttackStoreContract extends FeedStoreContract<AttackObject> {
  static final String ENTERPRISE = "attack:enterprise-attack";
  static final AttackTactic INITIAL_ACCESS = new AttackTactic("TA0001", "initial-access", "Initial Access",
      "enterprise-attack");
  static final AttackTactic EXECUTION = new AttackTactic("TA0002", "execution", "Execution", "enterprise-attack");
  static final AttackTechnique EXPLOIT = new AttackTechnique("T1190", "Exploit Public-Facing Application",
      List.of("initial-access"), false, false, "enterprise-attack");
  static final AttackTechnique POWERSHELL = new AttackTechnique("T1059.001", "PowerShell", List.of("execution"),
      false, false, "enterprise-attack");
  static final AttackTechnique REVOKED = new AttackTechnique("T1086", "PowerShell", List.of("execution",
      "defense-evasion"), true, true, "enterprise-attack");
  static final AttackTactic ICS_TACTIC = new AttackTactic("TA0108", "initial-access-ics", "Initial Access",
      "ics-attack");
  static final AttackTechnique ICS_TECHNIQUE = new AttackTechnique("T0819", "Exploit Public-Facing Application",
      List.of("initial-access-ics"), false, false, "ics-attack");

  @Override
  protected String source() {
    return ENTERPRISE;
  }

  @Override
  protected String otherSource() {
    return "attack:ics-attack";
  }

  /** Every seventh object is a tactic, so that both tables take part. */
  @Override
  protected AttackObject record(int n, int revision) {
    if (n % 7 == 0) {
      return new AttackTactic("TA%04d".formatted(n), "tactic-" + n, "Tactic " + n + " r" + revision,
          "enterprise-attack");
    }
    return new AttackTechnique("T%04d".formatted(n), "Technique " + n, revision == 0 ? List.of("execution")
        : List.of("execution", "persistence"), revision > 1, false, "enterprise-attack");
  }

  @Override
  protected String key(AttackObject record) {
    return record.id();
  }

  @Override
  protected FeedUpdate replace(FeedSnapshot<AttackObject> snapshot, FeedDocument document) {
    return db.attackStore().replace(snapshot, document);
  }

  @Override
  protected Optional<AttackObject> stored(AttackObject like) {
    return switch (like) {
      case AttackTechnique t -> db.attackStore().technique(t.id()).map(AttackObject.class::cast);
      case AttackTactic t -> db.attackStore().tactics(t.domain()).stream()
          .filter(stored -> stored.id().equals(t.id())).map(AttackObject.class::cast).findFirst();
    };
  }

  @Override
  protected int count() {
    return db.attackStore().count(ENTERPRISE);
  }

  @Test
  void keepsTacticsAndTechniquesOfEveryDomainWithEveryField() {
    db.attackStore().replace(snapshot("18.1", List.of(EXECUTION, EXPLOIT, INITIAL_ACCESS, POWERSHELL, REVOKED)),
        new FeedDocument(ENTERPRISE, "enterprise", "h1", LOADED));
    db.attackStore().replace(snapshot("18.1", List.of(ICS_TACTIC, ICS_TECHNIQUE)),
        new FeedDocument("attack:ics-attack", "ics", "h2", LOADED));

    assertThat(db.attackStore().technique("T1190")).contains(EXPLOIT);
    assertThat(db.attackStore().technique("T1059.001")).contains(POWERSHELL);
    assertThat(db.attackStore().technique("T1059.001").orElseThrow().subTechnique()).isTrue();
    assertThat(db.attackStore().technique("T1086")).contains(REVOKED);
    assertThat(db.attackStore().technique("T0819")).contains(ICS_TECHNIQUE);
    assertThat(db.attackStore().technique("TA0001")).isEmpty();
    assertThat(db.attackStore().tactics("enterprise-attack")).containsExactly(INITIAL_ACCESS, EXECUTION);
    assertThat(db.attackStore().tactics("ics-attack")).containsExactly(ICS_TACTIC);
    assertThat(db.attackStore().count(ENTERPRISE)).isEqualTo(5);
    assertThat(db.attackStore().count("attack:ics-attack")).isEqualTo(2);
  }
}
