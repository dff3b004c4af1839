package org.patchwarden.advisory;

/** An object of MITRE ATT&CK that Patchwarden uses: a tactic or a (sub-)technique. */
public sealed interface AttackObject permits AttackTactic, AttackTechnique {
  /** The ATT&CK id: {@code TA0001}, {@code T1190}, {@code T1059.001}. */
  String id();
}
