package org.patchwarden.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.inventory.AssetNames;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.InventoryContent;
import org.patchwarden.inventory.OsRelease;

/** Assets and inventories in the {@code assets}, {@code inventories} and {@code inventory_packages} tables. */
final class JdbiAssetStore implements AssetStore {
  private static final String HEADER =
      "asset_name, revision, scanned_at, os_id, os_version_id, os_codename, os_id_like";
  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbiAssetStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public void save(Asset a) {
    jdbi.useHandle(h -> h.createUpdate("""
            INSERT INTO assets (name, kind, environment, owner_team, criticality, internet_facing, tags, unstated)
            VALUES (:name, :kind, :env, :team, :crit, :internet, :tags, :unstated)
            ON CONFLICT (name) DO UPDATE SET
              kind = excluded.kind, environment = excluded.environment, owner_team = excluded.owner_team,
              criticality = excluded.criticality, internet_facing = excluded.internet_facing, tags = excluded.tags,
              unstated = excluded.unstated
            """)
        .bind("name", a.name())
        .bind("kind", a.kind().name())
        // unstated fields keep a placeholder in their NOT NULL column; the unstated column rules (V6)
        .bind("env", a.environment() == null ? "" : a.environment())
        .bind("team", a.ownerTeam() == null ? "" : a.ownerTeam())
        .bind("crit", a.criticality() == null ? 2 : a.criticality())
        .bind("internet", Boolean.TRUE.equals(a.internetFacing()) ? 1 : 0)
        .bind("tags", String.join(",", new TreeSet<>(a.tags())))
        .bind("unstated", a.unstatedFields().stream().map(f -> f + ",").collect(Collectors.joining()))
        .execute());
  }

  @Override
  public Optional<Asset> find(String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM assets WHERE name = :name")
        .bind("name", name)
        .map((rs, ctx) -> mapAsset(rs))
        .findOne());
  }

  /** {@inheritDoc} One query per {@value FeedReplacement#BATCH} names. */
  @Override
  public Map<String, Asset> findAll(Collection<String> names) {
    return jdbi.withHandle(h -> {
      Map<String, Asset> out = new HashMap<>();
      for (List<String> chunk : Chunks.ofKeys(names)) {
        h.createQuery("SELECT * FROM assets WHERE name IN (<names>)")
            .bindList("names", chunk)
            .map((rs, ctx) -> mapAsset(rs))
            .forEach(a -> out.put(a.name(), a));
      }
      return out;
    });
  }

  /** {@inheritDoc} One query per {@value FeedReplacement#BATCH} names; packages are not read. */
  @Override
  public Map<String, Newest> newest(Collection<String> names) {
    return jdbi.withHandle(h -> {
      Map<String, Newest> out = new HashMap<>();
      for (List<String> chunk : Chunks.ofKeys(names)) {
        h.createQuery("SELECT " + prefixed("i.", HEADER) + ", i.content_hash, i.match_complete, i.raw_digest,"
                + " COALESCE(p.package_count, 0) AS package_count FROM inventories i"
                + " JOIN (SELECT asset_name, MAX(revision) AS revision FROM inventories"
                + " WHERE asset_name IN (<names>) GROUP BY asset_name) newest"
                + " ON newest.asset_name = i.asset_name AND newest.revision = i.revision"
                + " LEFT JOIN inventory_packages p ON p.asset_name = i.asset_name AND p.revision = i.revision")
            .bindList("names", chunk)
            .map((rs, ctx) -> new Newest(header(rs), rs.getString("content_hash"), rs.getInt("match_complete") == 1,
                rs.getString("raw_digest"), rs.getInt("package_count")))
            .forEach(n -> out.put(n.header().assetName(), n));
      }
      return out;
    });
  }

  /** {@inheritDoc} Only that revision's row changes; a later revision starts without a digest. */
  @Override
  public void recordRawDigest(String assetName, int revision, String rawDigest) {
    jdbi.useHandle(h -> recordRawDigest(h, assetName, revision, rawDigest));
  }

  private static void recordRawDigest(Handle h, String assetName, int revision, String rawDigest) {
    h.createUpdate("UPDATE inventories SET raw_digest = :digest WHERE asset_name = :name AND revision = :rev")
        .bind("digest", rawDigest).bind("name", assetName).bind("rev", revision).execute();
  }

  @Override
  public List<Asset> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM assets ORDER BY name")
        .map((rs, ctx) -> mapAsset(rs))
        .list());
  }

  /**
   * {@inheritDoc} An OS with an empty id is stored, and returned, as no OS: an empty {@code os_id}
   * is how the table says "none". The newest revision's content hash is compared; a revision
   * stored before the hash column existed has its hash computed from its packages.
   */
  @Override
  public Inventory recordInventory(String assetName, Instant scannedAt, OsRelease os, List<InstalledPackage> packages) {
    return recordInventory(assetName, scannedAt, os, packages, InventoryContent.hash(os, packages));
  }

  /** {@inheritDoc} The newest revision is read once, for its hash and for the next revision's number. */
  @Override
  public Inventory recordInventory(String assetName, Instant scannedAt, OsRelease os, List<InstalledPackage> packages,
      String hash) {
    return recordInventory(assetName, scannedAt, os, packages, hash, null);
  }

  /** {@inheritDoc} A new revision's row is inserted with the digest; a kept one is updated. */
  @Override
  public Inventory recordInventory(String assetName, Instant scannedAt, OsRelease os, List<InstalledPackage> packages,
      String hash, String rawDigest) {
    OsRelease stored = stored(os);
    return jdbi.inTransaction(h -> {
      // whether the asset exists and its newest revision, in one query: one round trip per asset of
      // a fleet import to PostgreSQL instead of two
      Optional<Optional<Hashed>> found = h.createQuery("SELECT a.name AS the_asset, " + prefixed("i.", HEADER)
              + ", i.content_hash FROM assets a LEFT JOIN inventories i ON i.asset_name = a.name"
              + " AND i.revision = (SELECT MAX(revision) FROM inventories WHERE asset_name = a.name)"
              + " WHERE a.name = :name")
          .bind("name", assetName)
          .map((rs, ctx) -> rs.getString("asset_name") == null ? Optional.<Hashed>empty()
              : Optional.of(new Hashed(header(rs), rs.getString("content_hash"))))
          .findOne();
      if (found.isEmpty()) {
        throw new NoSuchElementException("no asset named '" + assetName + "'");
      }
      Optional<Hashed> newest = found.get();
      String storedHash = newest.map(Hashed::hash).orElse("");
      if (newest.isPresent() && (!InventoryContent.isCurrent(storedHash) || storedHash.equals(hash))) {
        Inventory header = newest.get().header();
        List<InstalledPackage> had = packages(h, assetName, header.revision());
        if (storedHash.equals(hash) || InventoryContent.hash(header.os(), had).equals(hash)) {
          if (!storedHash.equals(hash)) {
            // hashed by an older version: kept in this version's form, so the next import compares it directly
            h.createUpdate("UPDATE inventories SET content_hash = :hash WHERE asset_name = :name AND revision = :rev")
                .bind("hash", hash).bind("name", assetName).bind("rev", header.revision()).execute();
          }
          if (rawDigest != null) {
            recordRawDigest(h, assetName, header.revision(), rawDigest);
          }
          return withPackages(header, had);
        }
      }
      // the newest revision is the highest one
      int revision = newest.map(n -> n.header().revision() + 1).orElse(1);
      insertRevision(h.getConnection(), new NewInventory(assetName, stored, packages, hash, rawDigest), revision,
          SqlTime.format(scannedAt));
      return new Inventory(assetName, revision, scannedAt, stored, packages);
    });
  }

  /**
   * {@inheritDoc} All or nothing. The first revisions (of assets without any) go in one batch of
   * inventory rows and one of package lists, encoded on every core (PostgreSQL's driver sends each
   * batch as multi-row inserts): a fleet import's first import of each asset asked once per asset
   * whether it had a revision, and prepared its statements anew. An asset that has revisions is
   * recorded as {@link #recordInventory} records it.
   */
  @Override
  public List<Inventory> recordInventories(Instant scannedAt, List<NewInventory> inventories) {
    AssetNames.requireDistinct(inventories.stream().map(NewInventory::assetName).toList(), "inventories");
    if (inventories.size() < 2) {
      return jdbi.inTransaction(h -> AssetStore.super.recordInventories(scannedAt, inventories));
    }
    return jdbi.inTransaction(h -> {
      List<String> names = inventories.stream().map(NewInventory::assetName).toList();
      Set<String> missing = new TreeSet<>(names);
      Set<String> scanned = new HashSet<>();
      for (List<String> chunk : Chunks.of(names, FeedReplacement.BATCH)) {
        h.createQuery("SELECT a.name, EXISTS (SELECT 1 FROM inventories i WHERE i.asset_name = a.name) AS scanned"
                + " FROM assets a WHERE a.name IN (<names>)")
            .bindList("names", chunk)
            .map((rs, ctx) -> {
              missing.remove(rs.getString(1));
              if (rs.getBoolean(2)) {
                scanned.add(rs.getString(1));
              }
              return null;
            })
            .forEach(x -> {});
      }
      if (!missing.isEmpty()) {
        throw JdbiFindingStore.noSuchAssets(missing);
      }
      List<NewInventory> first = inventories.stream().filter(i -> !scanned.contains(i.assetName())).toList();
      List<byte[]> encoded = first.parallelStream()
          .map(i -> PackageLists.encode(PackageLists.ordered(i.packages()))).toList();
      Connection c = h.getConnection();
      try (PreparedStatement revision = c.prepareStatement(REVISION);
          PreparedStatement packages = c.prepareStatement(PACKAGES)) {
        String at = SqlTime.format(scannedAt);
        for (int k = 0; k < first.size(); k++) {
          NewInventory i = first.get(k);
          bindRevision(revision, 1, i, 1, at);
          revision.addBatch();
          bindPackages(packages, 1, i, 1, encoded.get(k));
          packages.addBatch();
        }
        revision.executeBatch();
        packages.executeBatch();
      } catch (SQLException e) {
        throw new IllegalStateException("storing the first inventories of " + first.size() + " assets: "
            + e.getMessage(), e);
      }
      List<Inventory> out = new ArrayList<>(inventories.size());
      for (NewInventory i : inventories) {
        out.add(scanned.contains(i.assetName())
            ? recordInventory(i.assetName(), scannedAt, i.os(), i.packages(), i.contentHash(), i.rawDigest())
            : new Inventory(i.assetName(), 1, scannedAt, stored(i.os()), i.packages()));
      }
      return out;
    });
  }

  /** The OS as a revision stores it: one with an empty id is none. */
  private static OsRelease stored(OsRelease os) {
    return os == null || os.id().isEmpty() ? null : os;
  }

  /** A revision's row; {@link #bindRevision} binds it. */
  private static final String REVISION = """
      INSERT INTO inventories
        (asset_name, revision, scanned_at, os_id, os_version_id, os_codename, os_id_like, content_hash,
         match_complete, raw_digest)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
      """;
  /**
   * A revision's packages as one encoded value ({@link PackageLists}), where a 1,000-host import
   * once stored 276,000 package rows; {@link #bindPackages} binds it.
   */
  private static final String PACKAGES =
      "INSERT INTO inventory_packages (asset_name, revision, package_count, packages) VALUES (?, ?, ?, ?)";

  /**
   * Stores a revision and its packages. PostgreSQL: in one statement (the packages' foreign key is
   * checked at its end, when the revision is there), one round trip per asset of a fleet import.
   *
   * @param i the inventory, its OS as {@link #stored} keeps it
   */
  private void insertRevision(Connection c, NewInventory i, int revision, String at) {
    byte[] encoded = PackageLists.encode(PackageLists.ordered(i.packages()));
    try {
      if (dialect == Dialect.POSTGRESQL) {
        try (PreparedStatement insert = c.prepareStatement("WITH revision AS (" + REVISION + ") " + PACKAGES)) {
          bindPackages(insert, bindRevision(insert, 1, i, revision, at), i, revision, encoded);
          insert.executeUpdate();
        }
        return;
      }
      try (PreparedStatement insert = c.prepareStatement(REVISION);
          PreparedStatement packages = c.prepareStatement(PACKAGES)) {
        bindRevision(insert, 1, i, revision, at);
        insert.executeUpdate();
        bindPackages(packages, 1, i, revision, encoded);
        packages.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("storing asset '" + i.assetName() + "' revision " + revision + ": "
          + e.getMessage(), e);
    }
  }

  /** Binds {@link #REVISION} from parameter {@code n} on; returns the next parameter's index. */
  private static int bindRevision(PreparedStatement s, int n, NewInventory i, int revision, String at)
      throws SQLException {
    OsRelease os = stored(i.os());
    s.setString(n++, i.assetName());
    s.setInt(n++, revision);
    s.setString(n++, at);
    s.setString(n++, os == null ? "" : os.id());
    s.setString(n++, os == null ? "" : os.versionId());
    s.setString(n++, os == null ? "" : os.codename());
    s.setString(n++, os == null ? "" : os.idLike());
    s.setString(n++, i.contentHash());
    s.setString(n++, i.rawDigest());
    return n;
  }

  /** Binds {@link #PACKAGES} from parameter {@code n} on. */
  private static void bindPackages(PreparedStatement s, int n, NewInventory i, int revision, byte[] encoded)
      throws SQLException {
    s.setString(n++, i.assetName());
    s.setInt(n++, revision);
    s.setInt(n++, i.packages().size());
    s.setBytes(n, encoded);
  }

  /** {@inheritDoc} Packages are ordered by ecosystem, name, version and architecture. */
  @Override
  public Optional<Inventory> currentInventory(String assetName) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + HEADER + """
             FROM inventories WHERE asset_name = :name
            ORDER BY revision DESC LIMIT 1
            """)
        .bind("name", assetName)
        .map((rs, ctx) -> header(rs))
        .findOne()
        .map(header -> new Inventory(assetName, header.revision(), header.scannedAt(), header.os(),
            packages(h, assetName, header.revision()))));
  }

  @Override
  public Optional<Inventory> inventory(String assetName, int revision) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + HEADER + """
             FROM inventories WHERE asset_name = :name AND revision = :rev
            """)
        .bind("name", assetName)
        .bind("rev", revision)
        .map((rs, ctx) -> header(rs))
        .findOne()
        .map(header -> new Inventory(assetName, header.revision(), header.scannedAt(), header.os(),
            packages(h, assetName, header.revision()))));
  }

  @Override
  public List<Inventory> history(String assetName) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + HEADER
            + " FROM inventories WHERE asset_name = :name ORDER BY revision")
        .bind("name", assetName)
        .map((rs, ctx) -> header(rs))
        .list());
  }

  /**
   * {@inheritDoc} One statement (so one consistent snapshot, whatever is recorded meanwhile) whose
   * rows stream from the database: each newest inventory joined with its packages. Equal packages
   * on several assets share one instance, so that memory follows the distinct packages of the
   * fleet rather than assets × packages.
   */
  @Override
  public List<Inventory> currentInventories() {
    return CursorRead.run(jdbi, dialect, h -> {
      Map<InstalledPackage, InstalledPackage> shared = new HashMap<>();
      List<Inventory> inventories = new ArrayList<>();
      try (Stream<Inventory> rows = h.createQuery("SELECT " + prefixed("i.", HEADER) + """
              , p.packages
               FROM inventories i
               JOIN (SELECT asset_name, MAX(revision) AS revision FROM inventories GROUP BY asset_name) newest
                 ON newest.asset_name = i.asset_name AND newest.revision = i.revision
               LEFT JOIN inventory_packages p ON p.asset_name = i.asset_name AND p.revision = i.revision
              ORDER BY i.asset_name
              """)
          .setFetchSize(CursorRead.FETCH_SIZE)
          .map((rs, ctx) -> withPackages(header(rs), stored(rs, shared)))
          .stream()) {
        rows.forEach(inventories::add);
      }
      return inventories;
    });
  }

  /** An inventory header with its stored content hash ('' before the column existed). */
  private record Hashed(Inventory header, String hash) {}

  private static Inventory withPackages(Inventory header, List<InstalledPackage> packages) {
    return new Inventory(header.assetName(), header.revision(), header.scannedAt(), header.os(), packages);
  }

  private static String prefixed(String alias, String columns) {
    return alias + columns.replace(", ", ", " + alias);
  }

  private static List<InstalledPackage> packages(Handle h, String assetName, int revision) {
    return h.createQuery("SELECT packages FROM inventory_packages WHERE asset_name = :name AND revision = :rev")
        .bind("name", assetName).bind("rev", revision)
        .map((rs, ctx) -> rs.getBytes("packages"))
        .findOne()
        .map(value -> PackageLists.decode(value, null, assetName + " revision " + revision))
        .orElse(List.of());
  }

  /**
   * The packages of the row's revision ({@code p.packages}, null when it has none), ordered by
   * ecosystem, name, version and architecture.
   */
  private static List<InstalledPackage> stored(ResultSet rs, Map<InstalledPackage, InstalledPackage> shared)
      throws SQLException {
    byte[] value = rs.getBytes("packages");
    return value == null ? List.of()
        : PackageLists.decode(value, shared, rs.getString("asset_name") + " revision " + rs.getInt("revision"));
  }

  /** An inventory without its packages. */
  private static Inventory header(ResultSet rs) throws SQLException {
    String osId = rs.getString("os_id");
    OsRelease os = osId.isEmpty() ? null
        : new OsRelease(osId, rs.getString("os_version_id"), rs.getString("os_codename"), rs.getString("os_id_like"));
    return new Inventory(rs.getString("asset_name"), rs.getInt("revision"),
        SqlTime.instant(rs.getString("scanned_at")), os, List.of());
  }

  private static Asset mapAsset(ResultSet rs) throws SQLException {
    String tags = rs.getString("tags");
    Set<String> tagSet = tags.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(tags.split(",")));
    Set<String> unstated = Set.copyOf(Arrays.asList(rs.getString("unstated").split(",")));
    return new Asset(rs.getString("name"), AssetKind.valueOf(rs.getString("kind")),
        unstated.contains(Asset.ENVIRONMENT) ? null : rs.getString("environment"),
        unstated.contains(Asset.OWNER_TEAM) ? null : rs.getString("owner_team"),
        unstated.contains(Asset.CRITICALITY) ? null : rs.getInt("criticality"),
        unstated.contains(Asset.INTERNET_FACING) ? null : rs.getInt("internet_facing") == 1, tagSet);
  }
}
