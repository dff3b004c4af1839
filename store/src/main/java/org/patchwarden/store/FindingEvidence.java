package org.patchwarden.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.match.Finding;

/**
 * What a finding was found on and by, apart from its key and lifecycle: the installed package's
 * version and origin, the advisory's aliases, the name and version matched, the range and the fix.
 * One row of {@code finding_evidence} (V33) holds each distinct evidence; the findings of a fleet's
 * hosts built from the same images share their rows, where each finding row once repeated ~400
 * bytes of them.
 *
 * <p>Rows are found by {@link #key()}, a SHA-256 of the values: an index over the values themselves
 * would exceed PostgreSQL's index entry size for a long alias list or range, and a weaker checksum
 * could give two evidences one row.
 */
record FindingEvidence(String packageVersion, String sourceName, String sourceVersion, String architecture,
    String purl, String aliases, String advisoryEcosystem, String matchedName, String matchedVersion,
    String affectedStatus, String affectedRange, String fixedVersion, String confidence) {

  /** The table's value columns, in the record's order. */
  static final String COLUMNS = "package_version, source_name, source_version, architecture, purl, aliases,"
      + " advisory_ecosystem, matched_name, matched_version, affected_status, affected_range, fixed_version, confidence";
  static final int WIDTH = 13;

  /** Keys computed, by evidence: a fleet import meets each evidence on every host that shares it. */
  private static final BoundedMemo<FindingEvidence, String> KEYS = new BoundedMemo<>(100_000);

  /** @param aliasesJson the finding's aliases as the {@code aliases} column holds them (sorted JSON) */
  static FindingEvidence of(Finding f, String aliasesJson) {
    InstalledPackage p = f.installed();
    return new FindingEvidence(p.version(), p.sourceName(), p.sourceVersion(), p.architecture(), p.purl(),
        aliasesJson, f.advisoryEcosystem(), f.matchedName(), f.matchedVersion(), f.status().name(), f.range(),
        f.fixedVersion(), f.confidence().name());
  }

  /** The evidence of a row holding {@link #COLUMNS} from column {@code first} on. */
  static FindingEvidence read(ResultSet rs, int first) throws SQLException {
    String[] v = new String[WIDTH];
    for (int i = 0; i < WIDTH; i++) {
      v[i] = rs.getString(first + i);
    }
    return new FindingEvidence(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12]);
  }

  /**
   * Written out: a write hashes and compares the evidence of every finding it writes, and a record's
   * generated methods run through method handles, slow before the optimising compiler (the CLI runs
   * without it).
   */
  @Override
  public int hashCode() {
    int h = packageVersion.hashCode();
    h = 31 * h + sourceName.hashCode();
    h = 31 * h + sourceVersion.hashCode();
    h = 31 * h + architecture.hashCode();
    h = 31 * h + purl.hashCode();
    h = 31 * h + aliases.hashCode();
    h = 31 * h + advisoryEcosystem.hashCode();
    h = 31 * h + matchedName.hashCode();
    h = 31 * h + matchedVersion.hashCode();
    h = 31 * h + affectedStatus.hashCode();
    h = 31 * h + affectedRange.hashCode();
    h = 31 * h + fixedVersion.hashCode();
    return 31 * h + confidence.hashCode();
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof FindingEvidence e && packageVersion.equals(e.packageVersion)
        && purl.equals(e.purl) && aliases.equals(e.aliases) && matchedName.equals(e.matchedName)
        && matchedVersion.equals(e.matchedVersion) && affectedRange.equals(e.affectedRange)
        && fixedVersion.equals(e.fixedVersion) && sourceName.equals(e.sourceName)
        && sourceVersion.equals(e.sourceVersion) && architecture.equals(e.architecture)
        && advisoryEcosystem.equals(e.advisoryEcosystem) && affectedStatus.equals(e.affectedStatus)
        && confidence.equals(e.confidence);
  }

  List<String> values() {
    return List.of(packageVersion, sourceName, sourceVersion, architecture, purl, aliases, advisoryEcosystem,
        matchedName, matchedVersion, affectedStatus, affectedRange, fixedVersion, confidence);
  }

  /** Binds {@link #values()} from parameter {@code n} on; returns the next parameter's index. */
  int bind(PreparedStatement s, int n) throws SQLException {
    for (String v : values()) {
      s.setString(n++, v);
    }
    return n;
  }

  /** The row's key: 64 hex digits of SHA-256 over the values, each prefixed with its length. */
  String key() {
    return KEYS.get(this, FindingEvidence::digest);
  }

  private static String digest(FindingEvidence e) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("every JDK has SHA-256", ex);
    }
    byte[] length = new byte[4];
    for (String v : e.values()) {
      byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
      int n = bytes.length;
      length[0] = (byte) (n >>> 24);
      length[1] = (byte) (n >>> 16);
      length[2] = (byte) (n >>> 8);
      length[3] = (byte) n;
      sha.update(length);
      sha.update(bytes);
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
