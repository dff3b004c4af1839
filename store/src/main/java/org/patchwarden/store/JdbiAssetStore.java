package org.patchwarden.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;

/** Assets and inventories in the {@code assets}, {@code inventories} and {@code installed_packages} tables. */
final class JdbiAssetStore implements AssetStore {
  private final Jdbi jdbi;

  JdbiAssetStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public void save(Asset a) {
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO assets (name, kind, environment, owner_team, criticality, internet_facing, tags)
            VALUES (:name, :kind, :env, :team, :crit, :internet, :tags)
            ON CONFLICT (name) DO UPDATE SET
              kind = excluded.kind, environment = excluded.environment, owner_team = excluded.owner_team,
              criticality = excluded.criticality, internet_facing = excluded.internet_facing, tags = excluded.tags
            """)
        .bind("name", a.name())
        .bind("kind", a.kind().name())
        .bind("env", a.environment())
        .bind("team", a.ownerTeam())
        .bind("crit", a.criticality())
        .bind("internet", a.internetFacing() ? 1 : 0)
        .bind("tags", String.join(",", new TreeSet<>(a.tags())))
        .execute());
  }

  @Override
  public Optional<Asset> find(String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM assets WHERE name = :name")
        .bind("name", name)
        .map((rs, ctx) -> mapAsset(rs))
        .findOne());
  }

  @Override
  public List<Asset> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM assets ORDER BY name")
        .map((rs, ctx) -> mapAsset(rs))
        .list());
  }

  @Override
  public Inventory recordInventory(String assetName, Instant scannedAt, List<InstalledPackage> packages) {
    return jdbi.inTransaction(h -> {
      boolean exists = h.createQuery("SELECT COUNT(*) FROM assets WHERE name = :name")
          .bind("name", assetName).mapTo(Integer.class).one() > 0;
      if (!exists) {
        throw new NoSuchElementException("no asset named '" + assetName + "'");
      }
      int revision = h.createQuery(
              "SELECT COALESCE(MAX(revision), 0) + 1 FROM inventories WHERE asset_name = :name")
          .bind("name", assetName).mapTo(Integer.class).one();
      h.createUpdate("INSERT INTO inventories (asset_name, revision, scanned_at) VALUES (:name, :rev, :at)")
          .bind("name", assetName).bind("rev", revision).bind("at", SqlTime.format(scannedAt))
          .execute();
      PreparedBatch batch = h.prepareBatch("""
          INSERT INTO installed_packages
            (asset_name, revision, ecosystem, name, version, source_name, source_version, architecture)
          VALUES (:asset, :rev, :eco, :name, :version, :srcName, :srcVersion, :arch)
          """);
      for (InstalledPackage p : packages) {
        batch.bind("asset", assetName).bind("rev", revision)
            .bind("eco", p.ecosystem()).bind("name", p.name()).bind("version", p.version())
            .bind("srcName", p.sourceName()).bind("srcVersion", p.sourceVersion())
            .bind("arch", p.architecture())
            .add();
      }
      if (batch.size() > 0) {
        batch.execute();
      }
      return new Inventory(assetName, revision, scannedAt, packages);
    });
  }

  @Override
  public Optional<Inventory> currentInventory(String assetName) {
    return jdbi.withHandle(h -> h.createQuery("""
            SELECT revision, scanned_at FROM inventories WHERE asset_name = :name
            ORDER BY revision DESC LIMIT 1
            """)
        .bind("name", assetName)
        .map((rs, ctx) -> new Inventory(assetName, rs.getInt("revision"),
            SqlTime.instant(rs.getString("scanned_at")), List.of()))
        .findOne()
        .map(header -> new Inventory(assetName, header.revision(), header.scannedAt(),
            packages(h, assetName, header.revision()))));
  }

  @Override
  public List<Inventory> history(String assetName) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT revision, scanned_at FROM inventories WHERE asset_name = :name ORDER BY revision")
        .bind("name", assetName)
        .map((rs, ctx) -> new Inventory(assetName, rs.getInt("revision"),
            SqlTime.instant(rs.getString("scanned_at")), List.of()))
        .list());
  }

  private static List<InstalledPackage> packages(Handle h, String assetName, int revision) {
    return h.createQuery("""
            SELECT ecosystem, name, version, source_name, source_version, architecture
            FROM installed_packages WHERE asset_name = :name AND revision = :rev
            ORDER BY ecosystem, name, version, architecture
            """)
        .bind("name", assetName).bind("rev", revision)
        .map((rs, ctx) -> new InstalledPackage(rs.getString("ecosystem"), rs.getString("name"),
            rs.getString("version"), rs.getString("source_name"), rs.getString("source_version"),
            rs.getString("architecture")))
        .list();
  }

  private static Asset mapAsset(ResultSet rs) throws SQLException {
    String tags = rs.getString("tags");
    Set<String> tagSet = tags.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(tags.split(",")));
    return new Asset(rs.getString("name"), AssetKind.valueOf(rs.getString("kind")),
        rs.getString("environment"), rs.getString("owner_team"), rs.getInt("criticality"),
        rs.getInt("internet_facing") == 1, tagSet);
  }
}
