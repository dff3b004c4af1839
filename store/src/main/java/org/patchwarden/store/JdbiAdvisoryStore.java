package org.patchwarden.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.patchwarden.advisory.Advisory;
import org.patchwarden.advisory.AdvisoryMerger;
import org.patchwarden.advisory.FeedRecord;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AdvisoryStore;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.feed.FeedChange;
import org.patchwarden.feed.FeedDocument;
import org.patchwarden.feed.FeedSnapshot;
import org.patchwarden.feed.FeedUpdate;
import org.patchwarden.match.EcosystemKeys;

/**
 * Advisory records in {@code advisory_records}, keyed by feed and id, each as its canonical JSON
 * body; {@code advisory_aliases} and {@code affected_packages} repeat parts of the body for lookups.
 */
final class JdbiAdvisoryStore implements AdvisoryStore, FeedReplacement.Target<AdvisoryRecord> {
  /** How far {@link #find} follows aliases: GHSA → CVE → DSA is two hops. */
  static final int MAX_HOPS = 3;
  /** How many records {@link #find} gathers at most, so that one badly aliased id cannot pull in the world. */
  static final int MAX_RECORDS = 200;
  private static final List<FeedReplacement.Table> TABLES =
      List.of(new FeedReplacement.Table("advisory_records", "id", "source"));
  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbiAdvisoryStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public FeedUpdate replace(FeedSnapshot<AdvisoryRecord> snapshot, FeedDocument document) {
    return FeedReplacement.replace(jdbi, this, snapshot, document);
  }

  /** {@inheritDoc} {@code source} is the feed's name, e.g. {@code nvd} or {@code osv:Go}. */
  @Override
  public Optional<AdvisoryRecord> record(String source, String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT body FROM advisory_records WHERE source = :source AND id = :id")
        .bind("source", source)
        .bind("id", id)
        .mapTo(String.class)
        .findOne()
        .map(json -> RecordJson.read(json, AdvisoryRecord.class)));
  }

  /**
   * {@inheritDoc} Follows ids and aliases breadth-first, at most {@value #MAX_HOPS} hops and
   * {@value #MAX_RECORDS} records; the same record held by two feeds (a GHSA in two OSV
   * ecosystems) counts once.
   */
  @Override
  public Optional<Advisory> find(String anyId) {
    return jdbi.withHandle(h -> find(anyId, (ids, limit) -> naming(h, ids, limit, FULL)));
  }

  /** Reads a stored body whole. */
  private static final java.util.function.Function<String, AdvisoryRecord> FULL =
      json -> RecordJson.read(json, AdvisoryRecord.class);

  /**
   * {@inheritDoc} On one connection, and each id or alias looked up once for all of {@code anyIds}
   * (each body parsed once): the CVEs of a DSA fixing 300 of them otherwise fetch and parse the
   * same records 300 times. The result is {@link #find}'s for each id.
   */
  @Override
  public Map<String, Optional<Advisory>> findAll(Collection<String> anyIds) {
    return findAll(anyIds, FULL);
  }

  /**
   * {@inheritDoc} The bodies are parsed without their affected packages ({@link
   * RecordJson#readForAssessment}), which are most of a body and which an assessment never reads.
   */
  @Override
  public Map<String, Optional<Advisory>> findAllForAssessment(Collection<String> anyIds) {
    return findAll(anyIds, RecordJson::readForAssessment);
  }

  /** {@link #findAll(Collection)} with {@code reader} parsing each stored body. */
  private Map<String, Optional<Advisory>> findAll(Collection<String> anyIds,
      java.util.function.Function<String, AdvisoryRecord> reader) {
    List<Search> searches = new java.util.LinkedHashSet<>(anyIds).stream().map(Search::new).toList();
    Map<Set<String>, List<Advisory>> merged = new HashMap<>();
    jdbi.useHandle(h -> {
      NamingCache cache = new NamingCache(h, reader);
      // Hop by hop for all ids together: each hop's new names are fetched in a few batched queries.
      for (int hop = 0; hop < MAX_HOPS; hop++) {
        List<Search> active = searches.stream().filter(Search::active).toList();
        if (active.isEmpty()) {
          break;
        }
        Set<String> names = new TreeSet<>();
        active.forEach(x -> names.addAll(x.frontier));
        cache.prefetch(names);
        active.forEach(x -> x.hop(cache::naming));
      }
    });
    Map<String, Optional<Advisory>> out = new java.util.LinkedHashMap<>();
    for (Search x : searches) {
      // The CVEs of one DSA gather the same records: merge each distinct set once.
      Set<String> keys = new HashSet<>();
      x.records.forEach(r -> keys.add(r.source() + "\u0000" + r.id()));
      List<Advisory> advisories = merged.computeIfAbsent(keys, k -> AdvisoryMerger.merge(x.records));
      out.put(x.anyId, advisories.stream().filter(a -> a.ids().contains(x.anyId)).findFirst());
    }
    return out;
  }

  /** One id's breadth-first walk over ids and aliases, one hop at a time (see {@link #find(String)}). */
  private static final class Search {
    final String anyId;
    final Set<AdvisoryRecord> records = new LinkedHashSet<>();
    final Set<String> seen = new HashSet<>();
    Set<String> frontier = new TreeSet<>();

    Search(String anyId) {
      this.anyId = anyId;
      seen.add(anyId);
      frontier.add(anyId);
    }

    boolean active() {
      return !frontier.isEmpty() && records.size() < MAX_RECORDS;
    }

    void hop(java.util.function.BiFunction<List<String>, Integer, List<AdvisoryRecord>> naming) {
      Set<String> next = new TreeSet<>();
      for (AdvisoryRecord r : naming.apply(List.copyOf(frontier), MAX_RECORDS - records.size())) {
        if (records.add(r)) {
          for (String id : idsOf(r)) {
            if (seen.add(id)) {
              next.add(id);
            }
          }
        }
      }
      frontier = next;
    }
  }

  /** Breadth-first over ids and aliases with {@code naming} (ids, limit) as the lookup. */
  private static Optional<Advisory> find(String anyId,
      java.util.function.BiFunction<List<String>, Integer, List<AdvisoryRecord>> naming) {
    Search search = new Search(anyId);
    for (int hop = 0; hop < MAX_HOPS && search.active(); hop++) {
      search.hop(naming);
    }
    return AdvisoryMerger.merge(search.records).stream().filter(a -> a.ids().contains(anyId)).findFirst();
  }

  @Override
  public List<String> remove(String source, java.time.Instant at) {
    return FeedReplacement.remove(jdbi, this, source, at);
  }

  @Override
  public int count(String source) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM advisory_records WHERE source = :source")
        .bind("source", source)
        .mapTo(Integer.class)
        .one());
  }

  /**
   * {@inheritDoc} In storage order, withdrawn records included; the database hands the rows over
   * {@value CursorRead#FETCH_SIZE} at a time. An exception thrown by {@code sink} ends the read
   * and reaches the caller.
   */
  @Override
  public void forEachRecord(BiConsumer<String, AdvisoryRecord> sink) {
    CursorRead.run(jdbi, dialect, h -> {
      try (Stream<Map.Entry<String, String>> rows = h.createQuery("SELECT source, body FROM advisory_records")
          .setFetchSize(CursorRead.FETCH_SIZE)
          .map((rs, ctx) -> Map.entry(rs.getString("source"), rs.getString("body")))
          .stream()) {
        rows.forEach(row -> sink.accept(row.getKey(), RecordJson.read(row.getValue(), AdvisoryRecord.class)));
      }
      return null;
    });
  }

  /**
   * {@inheritDoc} By {@code affected_packages.match_name}, {@value FeedReplacement#BATCH} names per
   * query; rows come {@value CursorRead#FETCH_SIZE} at a time, and memory keeps the keys of the
   * records already sent (a record naming names of two batches is found twice). Ordered by batch,
   * not overall. An exception thrown by {@code sink} ends the read and reaches the caller.
   */
  @Override
  public void forEachRecordNaming(Collection<String> matchNames, BiConsumer<String, AdvisoryRecord> sink) {
    naming(null, matchNames, sink);
  }

  /** {@inheritDoc} As {@link #forEachRecordNaming(Collection, BiConsumer)}, the keys in every query. */
  @Override
  public void forEachRecordNaming(Collection<String> ecosystemKeys, Collection<String> matchNames,
      BiConsumer<String, AdvisoryRecord> sink) {
    if (!ecosystemKeys.isEmpty()) {
      naming(List.copyOf(new TreeSet<>(ecosystemKeys)), matchNames, sink);
    }
  }

  /** The records with a package of these names, and of these ecosystem keys unless null. */
  private void naming(List<String> ecosystemKeys, Collection<String> matchNames,
      BiConsumer<String, AdvisoryRecord> sink) {
    List<String> names = List.copyOf(new TreeSet<>(matchNames));
    if (names.isEmpty()) {
      return;
    }
    // NB: the ecosystem keys are few (a host's release and its language ecosystems), so they go
    // whole into every query; only the names are cut into batches.
    String sql = """
        SELECT r.source, r.id, r.body
        FROM (SELECT DISTINCT source, id FROM affected_packages
              WHERE match_name IN (<names>)""" + (ecosystemKeys == null ? "" : " AND ecosystem_key IN (<keys>)") + """
        ) p
        JOIN advisory_records r ON r.source = p.source AND r.id = p.id
        """;
    Set<String> sent = new HashSet<>();
    CursorRead.run(jdbi, dialect, h -> {
      for (int from = 0; from < names.size(); from += FeedReplacement.BATCH) {
        List<String> chunk = names.subList(from, Math.min(names.size(), from + FeedReplacement.BATCH));
        Query q = h.createQuery(sql).bindList("names", chunk);
        if (ecosystemKeys != null) {
          q.bindList("keys", ecosystemKeys);
        }
        try (Stream<String[]> rows = q.setFetchSize(CursorRead.FETCH_SIZE)
            .map((rs, ctx) -> new String[] {rs.getString("source"), rs.getString("id"), rs.getString("body")})
            .stream()) {
          rows.forEach(row -> {
            if (sent.add(row[0] + "\u0000" + row[1])) {
              sink.accept(row[0], RecordJson.read(row[2], AdvisoryRecord.class));
            }
          });
        }
      }
      return null;
    });
  }

  /**
   * {@inheritDoc} One grouped count over {@code affected_packages}' index on {@code (ecosystem_key,
   * withdrawn)}.
   */
  @Override
  public Map<String, Integer> affectedPackageCounts() {
    Map<String, Integer> counts = new HashMap<>();
    jdbi.useHandle(h -> h.createQuery("""
            SELECT ecosystem_key, COUNT(*) AS n FROM affected_packages WHERE withdrawn = 0 GROUP BY ecosystem_key
            """)
        .map((rs, ctx) -> Map.entry(rs.getString("ecosystem_key"), rs.getInt("n")))
        .forEach(e -> counts.put(e.getKey(), e.getValue())));
    return counts;
  }

  /**
   * {@inheritDoc} One probe per vendor, stopping at its first entry. LIKE, not a range: under a
   * PostgreSQL locale collation the ':' of {@code vendor:product} does not sort as in C. Vendor
   * keys of letters and digits only hold no LIKE wildcard; others name no stored vendor.
   */
  @Override
  public Set<String> knownCpeVendors(Collection<String> vendorKeys) {
    Set<String> known = new TreeSet<>();
    jdbi.useHandle(h -> {
      for (String vendor : new TreeSet<>(vendorKeys)) {
        if (!vendor.isEmpty() && vendor.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))
            && h.createQuery("""
                SELECT 1 FROM affected_packages
                 WHERE ecosystem_key = 'cpe' AND withdrawn = 0 AND match_name LIKE :prefix
                 LIMIT 1
                """).bind("prefix", vendor + ":%").mapTo(Integer.class).findOne().isPresent()) {
          known.add(vendor);
        }
      }
    });
    return known;
  }

  /**
   * {@inheritDoc} Ordered by id, then feed; a record held by two feeds (a GHSA in two OSV
   * ecosystems) comes once per feed. Ids go to the database {@value FeedReplacement#BATCH} at a time.
   */
  @Override
  public List<FeedRecord> records(Collection<String> ids) {
    List<String> distinct = List.copyOf(new TreeSet<>(ids));
    List<Map.Entry<String, FeedRecord>> found = new ArrayList<>();
    jdbi.useHandle(h -> {
      for (int from = 0; from < distinct.size(); from += FeedReplacement.BATCH) {
        List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + FeedReplacement.BATCH));
        h.createQuery("SELECT source, id, body FROM advisory_records WHERE id IN (<ids>)")
            .bindList("ids", chunk)
            .map((rs, ctx) -> Map.entry(rs.getString("id") + "\u0000" + rs.getString("source"),
                new FeedRecord(rs.getString("source"), RecordJson.read(rs.getString("body"), AdvisoryRecord.class))))
            .forEach(found::add);
      }
    });
    // Sorted here rather than by SQL: the chunks are separate queries, and Java's order does not
    // depend on the database's collation.
    found.sort(Map.Entry.comparingByKey());
    return found.stream().map(Map.Entry::getValue).toList();
  }

  @Override
  public List<FeedReplacement.Table> tables() {
    return TABLES;
  }

  @Override
  public boolean rematched() {
    return true;
  }

  @Override
  public String key(AdvisoryRecord record) {
    return record.id();
  }

  @Override
  public void write(Handle h, String source, List<FeedReplacement.Row<AdvisoryRecord>> rows) {
    // A changed record is deleted and inserted again: the cascade removes its old aliases and packages.
    PreparedBatch delete = h.prepareBatch("DELETE FROM advisory_records WHERE source = :source AND id = :id");
    PreparedBatch insert = h.prepareBatch("""
        INSERT INTO advisory_records (source, id, published, modified, withdrawn, record_hash, body)
        VALUES (:source, :id, :published, :modified, :withdrawn, :hash, :body)
        """);
    PreparedBatch aliases = h.prepareBatch(
        "INSERT INTO advisory_aliases (source, id, alias) VALUES (:source, :id, :alias)");
    PreparedBatch packages = h.prepareBatch("""
        INSERT INTO affected_packages
          (source, id, position, ecosystem, name, status, ecosystem_key, match_name, withdrawn)
        VALUES (:source, :id, :position, :ecosystem, :name, :status, :ecosystemKey, :matchName, :withdrawn)
        """);
    for (FeedReplacement.Row<AdvisoryRecord> row : rows) {
      AdvisoryRecord r = row.record();
      if (row.change() == FeedChange.Kind.UPDATED) {
        delete.bind("source", source).bind("id", r.id()).add();
      }
      insert.bind("source", source).bind("id", r.id())
          .bind("published", SqlTime.format(r.published()))
          .bind("modified", SqlTime.format(r.modified()))
          .bind("withdrawn", r.withdrawn() ? 1 : 0)
          .bind("hash", row.hash())
          .bind("body", row.json())
          .add();
      for (String alias : r.aliases()) {
        aliases.bind("source", source).bind("id", r.id()).bind("alias", alias).add();
      }
      int position = 0;
      for (AffectedPackage p : r.affected()) {
        packages.bind("source", source).bind("id", r.id()).bind("position", position++)
            .bind("ecosystem", p.ecosystem()).bind("name", p.name()).bind("status", p.status().name())
            .bind("ecosystemKey", EcosystemKeys.ecosystem(p.ecosystem()))
            .bind("matchName", EcosystemKeys.matchName(p.ecosystem(), p.name()))
            .bind("withdrawn", r.withdrawn() ? 1 : 0)
            .add();
      }
    }
    if (delete.size() > 0) {
      delete.execute();
    }
    insert.execute();
    if (aliases.size() > 0) {
      aliases.execute();
    }
    if (packages.size() > 0) {
      packages.execute();
    }
  }

  /** Records whose id or an alias is among {@code ids}, ordered by feed and id, at most {@code limit}. */
  private static List<AdvisoryRecord> naming(Handle h, List<String> ids, int limit,
      java.util.function.Function<String, AdvisoryRecord> reader) {
    List<AdvisoryRecord> found = new ArrayList<>();
    for (int from = 0; from < ids.size() && found.size() < limit; from += FeedReplacement.BATCH) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + FeedReplacement.BATCH));
      h.createQuery("""
              SELECT source, id, body FROM advisory_records WHERE id IN (<ids>)
              UNION
              SELECT r.source, r.id, r.body FROM advisory_records r
                JOIN advisory_aliases a ON a.source = r.source AND a.id = r.id
              WHERE a.alias IN (<ids>)
              ORDER BY source, id LIMIT :limit OFFSET 0
              """)
          .bindList("ids", chunk)
          .bind("limit", limit - found.size())
          .map((rs, ctx) -> reader.apply(rs.getString("body")))
          .forEach(found::add);
    }
    return found;
  }

  /**
   * {@link #naming(Handle, List, int, java.util.function.Function)} remembered per id or alias over one {@link #findAll}: each
   * name is queried once, each record parsed once. A name whose records pass the query's bound
   * is not remembered; lookups involving it go to the database as {@link #find} does.
   */
  private static final class NamingCache {
    private final Handle h;
    private final java.util.function.Function<String, AdvisoryRecord> reader;
    private final Map<String, List<AdvisoryRecord>> byName = new HashMap<>();
    private final Map<String, AdvisoryRecord> parsed = new HashMap<>();
    private final Set<String> unbounded = new HashSet<>();

    NamingCache(Handle h, java.util.function.Function<String, AdvisoryRecord> reader) {
      this.h = h;
      this.reader = reader;
    }

    /** Fetches the records naming each of {@code ids} not fetched yet, in batches. */
    void prefetch(Collection<String> ids) {
      List<String> missing = ids.stream().filter(i -> !byName.containsKey(i) && !unbounded.contains(i)).toList();
      for (int from = 0; from < missing.size(); from += FeedReplacement.BATCH) {
        fetch(missing.subList(from, Math.min(missing.size(), from + FeedReplacement.BATCH)));
      }
    }

    List<AdvisoryRecord> naming(List<String> ids, int limit) {
      prefetch(ids);
      if (ids.stream().anyMatch(unbounded::contains)) {
        return JdbiAdvisoryStore.naming(h, ids, limit, reader);
      }
      // As the query orders them: by feed and id, each record once, at most limit.
      java.util.TreeMap<String, AdvisoryRecord> union = new java.util.TreeMap<>();
      for (String id : ids) {
        for (AdvisoryRecord r : byName.get(id)) {
          union.putIfAbsent(r.source() + "\u0000" + r.id(), r);
        }
      }
      return union.values().stream().limit(limit).toList();
    }

    private void fetch(List<String> names) {
      int cap = MAX_RECORDS * names.size();
      Map<String, List<AdvisoryRecord>> found = new HashMap<>();
      names.forEach(n -> found.put(n, new ArrayList<>()));
      int[] rows = {0};
      h.createQuery("""
              SELECT id AS name, source, id, body FROM advisory_records WHERE id IN (<names>)
              UNION ALL
              SELECT a.alias AS name, r.source, r.id, r.body FROM advisory_records r
                JOIN advisory_aliases a ON a.source = r.source AND a.id = r.id
              WHERE a.alias IN (<names>)
              LIMIT :cap
              """)
          .bindList("names", names)
          .bind("cap", cap)
          .map((rs, ctx) -> {
            String key = rs.getString("source") + "\u0000" + rs.getString("id");
            AdvisoryRecord r = parsed.get(key);
            if (r == null) {
              r = reader.apply(rs.getString("body"));
              parsed.put(key, r);
            }
            return Map.entry(rs.getString("name"), r);
          })
          .forEach(e -> {
            rows[0]++;
            List<AdvisoryRecord> list = found.get(e.getKey());
            // Parsed records are shared, so sameness is identity (equals would compare whole bodies).
            if (list != null && list.stream().noneMatch(x -> x == e.getValue())) {
              list.add(e.getValue());
            }
          });
      if (rows[0] >= cap) {
        unbounded.addAll(names);
      } else {
        byName.putAll(found);
      }
    }
  }

  private static Set<String> idsOf(AdvisoryRecord r) {
    Set<String> ids = new TreeSet<>(r.aliases());
    ids.add(r.id());
    return ids;
  }
}
