package org.patchwarden.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.patchwarden.baseline.Baseline;
import org.patchwarden.baseline.BaselineAsset;
import org.patchwarden.baseline.BaselineStore;
import org.patchwarden.baseline.BaselineSummary;
import org.patchwarden.baseline.StagingEvidence;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.OsRelease;

/**
 * Baselines in {@code baselines}, {@code baseline_assets}, {@code baseline_packages} and {@code
 * baseline_settings}; staging evidence in {@code baseline_evidence}. Versions are written once.
 */
final class JdbiBaselineStore implements BaselineStore {
  /** How often a save that lost a race for the next version (unique violation) is run again. */
  private static final int ATTEMPTS = 8;

  private final Jdbi jdbi;

  JdbiBaselineStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Baseline save(Baseline baseline) {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbi.inTransaction(h -> insert(h, baseline));
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS || !uniqueViolation(e)) {
          throw e;
        }
      }
    }
  }

  private static Baseline insert(Handle h, Baseline baseline) {
    long id = h.createQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM baselines").mapTo(Long.class).one();
    int version = h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM baselines WHERE name = :name")
        .bind("name", baseline.name()).mapTo(Integer.class).one();
    Baseline stored = baseline.stored(version);
    h.createUpdate("""
            INSERT INTO baselines (id, name, version, captured_at, captured_by)
            VALUES (:id, :name, :version, :at, :by)
            """)
        .bind("id", id).bind("name", stored.name()).bind("version", version)
        .bind("at", SqlTime.format(stored.capturedAt())).bind("by", stored.capturedBy()).execute();
    PreparedBatch assets = h.prepareBatch("""
        INSERT INTO baseline_assets (baseline_id, position, asset_name, role, revision, os_id, os_version_id,
                                     os_codename, os_id_like)
        VALUES (:id, :pos, :name, :role, :revision, :osId, :osVersion, :osCodename, :osLike)
        """);
    PreparedBatch packages = h.prepareBatch("""
        INSERT INTO baseline_packages (baseline_id, asset_position, position, ecosystem, name, version, source_name,
                                       source_version, architecture, purl)
        VALUES (:id, :asset, :pos, :eco, :name, :version, :sourceName, :sourceVersion, :arch, :purl)
        """);
    PreparedBatch settings = h.prepareBatch("""
        INSERT INTO baseline_settings (baseline_id, asset_position, setting_key, setting_value)
        VALUES (:id, :asset, :key, :value)
        """);
    int packageRows = 0;
    int settingRows = 0;
    for (int a = 0; a < stored.assets().size(); a++) {
      BaselineAsset asset = stored.assets().get(a);
      OsRelease os = asset.os();
      assets.bind("id", id).bind("pos", a).bind("name", asset.name()).bind("role", asset.role())
          .bind("revision", asset.revision()).bind("osId", os == null ? "" : os.id())
          .bind("osVersion", os == null ? "" : os.versionId()).bind("osCodename", os == null ? "" : os.codename())
          .bind("osLike", os == null ? "" : os.idLike()).add();
      for (int p = 0; p < asset.packages().size(); p++) {
        InstalledPackage pkg = asset.packages().get(p);
        packages.bind("id", id).bind("asset", a).bind("pos", p).bind("eco", pkg.ecosystem()).bind("name", pkg.name())
            .bind("version", pkg.version()).bind("sourceName", pkg.sourceName())
            .bind("sourceVersion", pkg.sourceVersion()).bind("arch", pkg.architecture()).bind("purl", pkg.purl())
            .add();
        packageRows++;
      }
      for (Map.Entry<String, String> s : asset.settings().entrySet()) {
        settings.bind("id", id).bind("asset", a).bind("key", s.getKey()).bind("value", s.getValue()).add();
        settingRows++;
      }
    }
    assets.execute();
    if (packageRows > 0) {
      packages.execute();
    }
    if (settingRows > 0) {
      settings.execute();
    }
    return stored;
  }

  @Override
  public Optional<Baseline> find(String name, int version) {
    return jdbi.inTransaction(h -> read(h, h.createQuery(
            "SELECT id, name, version, captured_at, captured_by FROM baselines WHERE name = :name AND version = :v")
        .bind("name", name).bind("v", version)));
  }

  @Override
  public Optional<Baseline> latest(String name) {
    return jdbi.inTransaction(h -> read(h, h.createQuery("""
            SELECT id, name, version, captured_at, captured_by FROM baselines
             WHERE name = :name ORDER BY version DESC LIMIT 1
            """).bind("name", name)));
  }

  private record Header(long id, String name, int version, String at, String by) {}

  private static Optional<Baseline> read(Handle h, org.jdbi.v3.core.statement.Query query) {
    Optional<Header> header = query.map((rs, ctx) -> new Header(rs.getLong("id"), rs.getString("name"),
        rs.getInt("version"), rs.getString("captured_at"), rs.getString("captured_by"))).findOne();
    if (header.isEmpty()) {
      return Optional.empty();
    }
    long id = header.get().id();
    record AssetRow(String name, String role, int revision, OsRelease os) {}
    List<AssetRow> rows = h.createQuery("""
            SELECT asset_name, role, revision, os_id, os_version_id, os_codename, os_id_like
              FROM baseline_assets WHERE baseline_id = :id ORDER BY position
            """).bind("id", id)
        .map((rs, ctx) -> new AssetRow(rs.getString("asset_name"), rs.getString("role"), rs.getInt("revision"),
            rs.getString("os_id").isEmpty() ? null : new OsRelease(rs.getString("os_id"),
                rs.getString("os_version_id"), rs.getString("os_codename"), rs.getString("os_id_like"))))
        .list();
    List<List<InstalledPackage>> packages = new ArrayList<>();
    List<TreeMap<String, String>> settings = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      packages.add(new ArrayList<>());
      settings.add(new TreeMap<>());
    }
    h.createQuery("""
            SELECT asset_position, ecosystem, name, version, source_name, source_version, architecture, purl
              FROM baseline_packages WHERE baseline_id = :id ORDER BY asset_position, position
            """).bind("id", id)
        .map((rs, ctx) -> {
          packages.get(rs.getInt("asset_position")).add(new InstalledPackage(rs.getString("ecosystem"),
              rs.getString("name"), rs.getString("version"), rs.getString("source_name"),
              rs.getString("source_version"), rs.getString("architecture"), rs.getString("purl")));
          return 0;
        }).list();
    h.createQuery("""
            SELECT asset_position, setting_key, setting_value FROM baseline_settings WHERE baseline_id = :id
            """).bind("id", id)
        .map((rs, ctx) -> settings.get(rs.getInt("asset_position")).put(rs.getString("setting_key"),
            rs.getString("setting_value")))
        .list();
    List<BaselineAsset> assets = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      AssetRow r = rows.get(i);
      assets.add(new BaselineAsset(r.name(), r.role(), r.revision(), r.os(), packages.get(i), settings.get(i)));
    }
    Header hd = header.get();
    return Optional.of(new Baseline(hd.name(), hd.version(), SqlTime.instant(hd.at()), hd.by(), assets));
  }

  @Override
  public List<BaselineSummary> list() {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT b.name, b.version, b.captured_at, b.captured_by,
                   (SELECT COUNT(*) FROM baseline_assets a WHERE a.baseline_id = b.id) AS assets,
                   (SELECT COUNT(*) FROM baseline_packages p WHERE p.baseline_id = b.id) AS packages
              FROM baselines b ORDER BY b.name, b.version
            """)
        .map((rs, ctx) -> new BaselineSummary(rs.getString("name"), rs.getInt("version"),
            SqlTime.instant(rs.getString("captured_at")), rs.getString("captured_by"), rs.getInt("assets"),
            rs.getInt("packages")))
        .list());
  }

  @Override
  public void recordEvidence(StagingEvidence e) {
    for (int attempt = 1; ; attempt++) {
      try {
        jdbi.useTransaction(h -> {
          int seq = h.createQuery("SELECT COALESCE(MAX(seq), 0) + 1 FROM baseline_evidence WHERE change_id = :c")
              .bind("c", e.changeId()).mapTo(Integer.class).one();
          h.createUpdate("""
                  INSERT INTO baseline_evidence (change_id, seq, test_name, matched_version, patched_version,
                                                 production, verdict, missing, recorded_at, recorded_by)
                  VALUES (:c, :seq, :test, :matched, :patched, :production, :verdict, :missing, :at, :by)
                  """)
              .bind("c", e.changeId()).bind("seq", seq).bind("test", e.test()).bind("matched", e.matchedVersion())
              .bind("patched", e.patchedVersion()).bind("production", e.production()).bind("verdict", e.verdict())
              .bind("missing", String.join("\n", e.missing())).bind("at", SqlTime.format(e.recordedAt()))
              .bind("by", e.recordedBy()).execute();
        });
        return;
      } catch (RuntimeException ex) {
        if (attempt >= ATTEMPTS || !uniqueViolation(ex)) {
          throw ex;
        }
      }
    }
  }

  @Override
  public List<StagingEvidence> evidence(long changeId) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT change_id, test_name, matched_version, patched_version, production, verdict, missing, recorded_at,
                   recorded_by
              FROM baseline_evidence WHERE change_id = :c ORDER BY seq
            """).bind("c", changeId)
        .map((rs, ctx) -> new StagingEvidence(rs.getLong("change_id"), rs.getString("test_name"),
            rs.getInt("matched_version"), rs.getInt("patched_version"), rs.getString("production"),
            rs.getString("verdict"), rs.getString("missing").isEmpty() ? List.of()
                : Arrays.asList(rs.getString("missing").split("\n")),
            SqlTime.instant(rs.getString("recorded_at")), rs.getString("recorded_by")))
        .list());
  }

  private static boolean uniqueViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && ("23505".equals(s.getSQLState())
          || s.getMessage() != null && s.getMessage().contains("UNIQUE constraint failed"))) {
        return true;
      }
    }
    return false;
  }
}
