package org.patchwarden.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.patchwarden.advisory.AdvisoryRecord;
import org.patchwarden.advisory.AdvisoryStore;
import org.patchwarden.advisory.AffectedPackage;
import org.patchwarden.advisory.AffectedRange;
import org.patchwarden.advisory.AffectedStatus;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.Inventory;
import org.patchwarden.inventory.OsRelease;
import org.patchwarden.version.InvalidVersionException;
import org.patchwarden.version.OsvEvent;
import org.patchwarden.version.OsvRange;
import org.patchwarden.version.Schemes;
import org.patchwarden.version.Version;
import org.patchwarden.version.VersionRange;
import org.patchwarden.version.VersionScheme;

/**
 * Every affected package of the loaded advisory records, looked up by (ecosystem, package name) with
 * their version ranges compiled once in the right scheme; CPE products ({@code cpe} and CVE 5 {@code
 * vendor} entries) under the one {@link EcosystemKeys#CPE} key by {@code vendor:product}. It also
 * knows which ecosystems (and releases) have any data at all, so that silence can be told apart from
 * missing data. Immutable and thread-safe; {@link #withRecords} derives an updated index.
 *
 * <p>An index need not hold every record: {@link #forInventories} loads only the records that name
 * the inventories' packages and {@linkplain Builder#declareCoverage declares} the store's entry
 * counts, so that {@link #hasData} and {@link #entryCount(String)} still answer for the whole
 * store. An ecosystem or release with fewer than {@link #sparseBelow()} entries (a lone test DSA
 * for Debian:12, a few fixture Maven advisories) is {@linkplain #isSparse sparse}: the matcher
 * reports it as a coverage gap.
 * Each package's entries are ordered by feed source, then record id, so that answers do not
 * depend on the order records arrived in.
 *
 * <p>Withdrawn records are left out. An entry whose ranges cannot be evaluated (GIT commit ranges,
 * versions the scheme rejects, an ecosystem without a scheme) never matches, and is counted among
 * the {@link #problems()}.
 */
public final class AdvisoryIndex {
  private static final int MAX_PROBLEMS_KEPT = 100;
  private static final Entry[] NONE = new Entry[0];
  /** Entries of one bucket: by feed, then record id; a record's own entries keep their order (stable sort). */
  private static final Comparator<Entry> BUCKET_ORDER =
      Comparator.<Entry, String>comparing(e -> e.feedSource).thenComparing(e -> e.recordId);

  /**
   * The fewest entries an ecosystem or operating-system release needs in the indexes built from a
   * store ({@link #of}, {@link #forInventories}) not to be sparse. The shared test feeds carry a
   * single fixture DSA for Debian:12 and a few fixture advisories of other ecosystems; a real
   * release or ecosystem has thousands.
   */
  public static final int SPARSE_BELOW = 25;

  private final Map<String, Map<String, Entry[]>> byPackage;
  private final Map<String, Entry[]> byId;
  private final Map<String, Integer> packagesByEcosystem;
  private final Map<String, Integer> declared;
  private final int sparseBelow;
  private final int records;
  private final int entries;
  private final int problemCount;
  private final List<String> problems;

  private AdvisoryIndex(Map<String, Map<String, Entry[]>> byPackage, Map<String, Entry[]> byId,
      Map<String, Integer> packagesByEcosystem, Map<String, Integer> declared, int sparseBelow, int records,
      int entries, int problemCount, List<String> problems) {
    this.byPackage = byPackage;
    this.byId = byId;
    this.packagesByEcosystem = packagesByEcosystem;
    this.declared = declared;
    this.sparseBelow = sparseBelow;
    this.records = records;
    this.entries = entries;
    this.problemCount = problemCount;
    this.problems = List.copyOf(problems);
  }

  /**
   * A builder to feed records to, e.g. from {@code AdvisoryStore.forEachRecord(builder::add)}. It
   * takes the records at their word: no release is sparse unless {@link Builder#sparseBelow} says so.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The index of every current record of a store, streamed one record at a time; releases with
   * fewer than {@value #SPARSE_BELOW} entries are sparse.
   */
  public static AdvisoryIndex of(AdvisoryStore store) {
    Builder b = builder().sparseBelow(SPARSE_BELOW);
    store.forEachRecord(b::add);
    return b.build();
  }

  /**
   * The index a {@link Matcher} or {@link FleetMatcher} needs for these inventories, and no more:
   * the records of {@code store} that name a package the matcher will look up ({@link
   * #lookupNames}) in an ecosystem it will look in, with the store's entry counts declared as
   * coverage. Matching the inventories against it gives exactly what matching them against {@link
   * #of} the same store gives, at a cost that follows the inventories' packages instead of the
   * store's size; releases with fewer than {@value #SPARSE_BELOW} entries are sparse as in {@link
   * #of}. The records and the counts are two reads: a feed loaded between them can make the counts
   * run ahead of the records.
   */
  public static AdvisoryIndex forInventories(AdvisoryStore store, Collection<Inventory> inventories) {
    return forLookups(store, lookupsOf(inventories));
  }

  /**
   * The ecosystem and name keys a matcher looks packages up by ({@link #lookupsOf}): an index made
   * {@link #forLookups} some keys serves every inventory whose keys they {@linkplain #covers cover}.
   */
  public record Lookups(Set<String> ecosystems, Set<String> names) {
    public Lookups {
      ecosystems = Set.copyOf(ecosystems);
      names = Set.copyOf(names);
    }

    /** Whether an index made for these keys holds every record {@code other}'s packages are looked up in. */
    public boolean covers(Lookups other) {
      return ecosystems.containsAll(other.ecosystems) && names.containsAll(other.names);
    }

    /** These keys and {@code other}'s. */
    public Lookups union(Lookups other) {
      Set<String> e = new HashSet<>(ecosystems);
      e.addAll(other.ecosystems);
      Set<String> n = new HashSet<>(names);
      n.addAll(other.names);
      return new Lookups(e, n);
    }
  }

  /** The keys the matcher will look the inventories' packages up by. */
  public static Lookups lookupsOf(Collection<Inventory> inventories) {
    Set<String> ecosystems = new HashSet<>();
    Set<String> names = new HashSet<>();
    lookups(inventories, ecosystems, names);
    return new Lookups(ecosystems, names);
  }

  /**
   * As {@link #forInventories}, for keys already gathered: matching any inventory whose keys these
   * cover against it gives what matching against {@link #of} gives (a package's entries are all
   * the records naming it, whichever other packages the index holds).
   */
  public static AdvisoryIndex forLookups(AdvisoryStore store, Lookups lookups) {
    Builder b = builder().sparseBelow(SPARSE_BELOW);
    if (!lookups.names().isEmpty()) {
      store.forEachRecordNaming(lookups.ecosystems(), lookups.names(), b::add);
    }
    store.affectedPackageCounts().forEach(b::declareCoverage);
    return b.build();
  }

  /**
   * The name keys the matcher looks the inventories' packages up by, as {@link EcosystemMapping}
   * maps them: Debian and Alpine source packages, rpm binary names, PyPI names by PEP 503, CPE
   * {@code vendor:product} in lower case. Packages of no advisory ecosystem have none.
   */
  public static Set<String> lookupNames(Collection<Inventory> inventories) {
    Set<String> names = new HashSet<>();
    lookups(inventories, new HashSet<>(), names);
    return names;
  }

  /** Adds the ecosystem and name keys of every package the matcher would look up. */
  private static void lookups(Collection<Inventory> inventories, Set<String> ecosystems, Set<String> names) {
    // a package's keys depend on it and its OS only: hosts of one image share most packages, so each
    // (OS, package) is mapped once (a 1,000-host fleet: 276,000 packages, a few thousand distinct)
    Map<OsRelease, Set<InstalledPackage>> seen = new HashMap<>();
    for (Inventory inv : inventories) {
      Set<InstalledPackage> seenOnOs = seen.computeIfAbsent(inv.os(), os -> new HashSet<>());
      for (InstalledPackage p : inv.packages()) {
        if (!seenOnOs.add(p)) {
          continue;
        }
        if (EcosystemMapping.map(inv.os(), p) instanceof EcosystemMapping.Target t) {
          ecosystems.add(t.ecosystemKey());
          names.add(t.nameKey());
        }
        // A package KEV names as a vendor product: its CVE 5 / NVD data lives under that CPE key.
        for (String cpeKey : KevProducts.cpeKeysOf(p)) {
          ecosystems.add(EcosystemKeys.CPE);
          names.add(EcosystemKeys.cpeName(cpeKey));
        }
      }
    }
  }

  /** An index without data. */
  public static AdvisoryIndex empty() {
    return builder().build();
  }

  /** The entries for a package; ecosystem and name are normalized as {@link EcosystemKeys} does. */
  public List<Entry> entries(String ecosystem, String name) {
    String eco = EcosystemKeys.ecosystem(ecosystem);
    return List.of(bucket(eco, EcosystemKeys.name(eco, name)));
  }

  /** The entries of a record id, in every source that has it. */
  public List<Entry> entriesOf(String recordId) {
    Entry[] e = byId.get(recordId);
    return e == null ? List.of() : List.of(e);
  }

  Entry[] bucket(String ecosystemKey, String nameKey) {
    Map<String, Entry[]> names = byPackage.get(ecosystemKey);
    if (names == null) {
      return NONE;
    }
    Entry[] e = names.get(nameKey);
    return e == null ? NONE : e;
  }

  /**
   * Whether any record says anything (affected or not) about a package of this ecosystem (and
   * release), among the records indexed or the coverage declared.
   */
  public boolean hasData(String ecosystem) {
    return hasDataKey(EcosystemKeys.ecosystem(ecosystem));
  }

  boolean hasDataKey(String ecosystemKey) {
    return coverageKey(ecosystemKey) > 0;
  }

  /** The entries of an ecosystem key: those indexed, or the declared count when larger. */
  int coverageKey(String ecosystemKey) {
    return Math.max(packagesByEcosystem.getOrDefault(ecosystemKey, 0), declared.getOrDefault(ecosystemKey, 0));
  }

  /**
   * Whether this ecosystem, an operating-system release or a language ecosystem ({@code maven},
   * {@code npm} …; the CPE index aside), has data, but fewer than {@link #sparseBelow()} entries:
   * too few to take silence for "not affected". A handful of Maven test advisories must not make a
   * whole Maven SBOM read as clean.
   */
  public boolean isSparse(String ecosystem) {
    return sparseKey(EcosystemKeys.ecosystem(ecosystem));
  }

  boolean sparseKey(String ecosystemKey) {
    int n = coverageKey(ecosystemKey);
    return n > 0 && n < sparseBelow && !EcosystemKeys.isCpe(ecosystemKey);
  }

  /** The fewest entries an ecosystem needs not to be {@linkplain #isSparse sparse}; 0: none is. */
  public int sparseBelow() {
    return sparseBelow;
  }

  /** The ecosystem keys with data (indexed or declared), sorted. */
  public Set<String> ecosystems() {
    Set<String> keys = new TreeSet<>(packagesByEcosystem.keySet());
    declared.forEach((k, n) -> {
      if (n > 0) {
        keys.add(k);
      }
    });
    return keys;
  }

  /**
   * How many entries (affected packages) an ecosystem key has: those indexed, or the coverage
   * declared for it when larger.
   */
  public int entryCount(String ecosystem) {
    return coverageKey(EcosystemKeys.ecosystem(ecosystem));
  }

  /** Records with at least one affected package. */
  public int records() {
    return records;
  }

  /** Entries (affected packages) indexed; declared coverage aside. */
  public int entryCount() {
    return entries;
  }

  /** How many entries had a range or version that could not be evaluated (counted as they were added). */
  public int problemCount() {
    return problemCount;
  }

  /** The first problems met (at most 100), each naming source, record, package and reason. */
  public List<String> problems() {
    return problems;
  }

  /**
   * A new index where {@code feedSource}'s records {@code upserts} replace the ones with their ids,
   * and those with {@code removedIds} are gone; this index is unchanged. Only the buckets touched are
   * copied, so one changed advisory costs milliseconds, not a rebuild. Declared coverage and the
   * sparse threshold are kept as they are.
   */
  public AdvisoryIndex withRecords(String feedSource, Collection<AdvisoryRecord> upserts,
      Collection<String> removedIds) {
    Objects.requireNonNull(feedSource, "feedSource");
    Set<String> touched = new LinkedHashSet<>(removedIds);
    for (AdvisoryRecord r : upserts) {
      touched.add(r.id());
    }
    Mutable m = new Mutable(new HashMap<>(byPackage), new HashMap<>(byId), new HashMap<>(packagesByEcosystem),
        new HashMap<>(declared), sparseBelow, records, entries, problemCount, new ArrayList<>(problems));
    for (String id : touched) {
      m.remove(feedSource, id);
    }
    Builder b = new Builder(m);
    for (AdvisoryRecord r : upserts) {
      b.add(feedSource, r);
    }
    return b.build();
  }

  /** Accumulates records; not thread-safe. */
  public static final class Builder {
    private final Mutable m;
    private final Map<String, String> canonical = new HashMap<>();
    private boolean built;

    private Builder() {
      this(new Mutable(new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), 0, 0, 0, 0,
          new ArrayList<>()));
    }

    private Builder(Mutable m) {
      this.m = m;
    }

    /**
     * Adds one record of {@code feedSource}, replacing an earlier one of the same source and id;
     * withdrawn records are skipped.
     */
    public Builder add(String feedSource, AdvisoryRecord record) {
      Objects.requireNonNull(feedSource, "feedSource");
      if (built) {
        throw new IllegalStateException("the index was already built");
      }
      String source = intern(feedSource);
      String id = record.id();
      // NB: a source may carry one record twice (AlmaLinux copies an advisory into several release
      // folders); the later copy replaces the earlier, as in the store.
      m.remove(source, id);
      if (record.withdrawn() || record.affected().isEmpty()) {
        return this;
      }
      Set<String> aliases = record.aliases();
      List<Entry> added = new ArrayList<>(record.affected().size());
      for (AffectedPackage a : record.affected()) {
        String eco = intern(EcosystemKeys.ecosystem(a.ecosystem()));
        String name = EcosystemKeys.name(eco, a.name());
        Entry e = Entry.compile(source, id, aliases, a, eco, name, m);
        added.add(e);
      }
      m.add(id, added);
      return this;
    }

    /**
     * Declares that the store holds {@code entryCount} entries of {@code ecosystemKey} (normalized
     * by {@link EcosystemKeys#ecosystem}) whether or not they are added here, so that {@link
     * #hasData} and {@link #entryCount(String)} answer for data the index does not load; replaces an
     * earlier declaration of the key. The index counts the larger of this and the entries it holds.
     */
    public Builder declareCoverage(String ecosystemKey, int entryCount) {
      Objects.requireNonNull(ecosystemKey, "ecosystemKey");
      if (entryCount < 0) {
        throw new IllegalArgumentException("negative entry count " + entryCount + " for " + ecosystemKey);
      }
      if (built) {
        throw new IllegalStateException("the index was already built");
      }
      m.declared.put(intern(EcosystemKeys.ecosystem(ecosystemKey)), entryCount);
      return this;
    }

    /**
     * Operating-system releases with data but fewer than {@code minEntries} entries are {@linkplain
     * #isSparse sparse}; 0 (the default of {@link #builder()}) makes none sparse.
     */
    public Builder sparseBelow(int minEntries) {
      if (minEntries < 0) {
        throw new IllegalArgumentException("negative entry threshold " + minEntries);
      }
      m.sparseBelow = minEntries;
      return this;
    }

    private String intern(String s) {
      String c = canonical.putIfAbsent(s, s);
      return c == null ? s : c;
    }

    /** The immutable index. */
    public AdvisoryIndex build() {
      if (built) {
        throw new IllegalStateException("the index was already built");
      }
      built = true;
      return m.freeze();
    }
  }

  /** The index's maps while records are added or replaced. */
  private static final class Mutable {
    final Map<String, Map<String, Entry[]>> byPackage;
    final Map<String, Entry[]> byId;
    final Map<String, Integer> counts;
    final Map<String, Integer> declared;
    int sparseBelow;
    // buckets grown in this round, as lists; frozen to arrays at the end
    final Map<String, Map<String, List<Entry>>> growing = new HashMap<>();
    final Set<String> copiedEcosystems = new HashSet<>();
    int records;
    int entries;
    int problemCount;
    final List<String> problems;

    Mutable(Map<String, Map<String, Entry[]>> byPackage, Map<String, Entry[]> byId, Map<String, Integer> counts,
        Map<String, Integer> declared, int sparseBelow, int records, int entries, int problemCount,
        List<String> problems) {
      this.byPackage = byPackage;
      this.byId = byId;
      this.counts = counts;
      this.declared = declared;
      this.sparseBelow = sparseBelow;
      this.records = records;
      this.entries = entries;
      this.problemCount = problemCount;
      this.problems = problems;
    }

    void problem(String message) {
      problemCount++;
      if (problems.size() < MAX_PROBLEMS_KEPT) {
        problems.add(message);
      }
    }

    void add(String id, List<Entry> added) {
      records++;
      entries += added.size();
      Entry[] old = byId.get(id);
      Entry[] merged = old == null ? added.toArray(NONE) : concat(old, added);
      byId.put(id, merged);
      for (Entry e : added) {
        counts.merge(e.ecosystemKey, 1, Integer::sum);
        growing.computeIfAbsent(e.ecosystemKey, k -> new HashMap<>())
            .computeIfAbsent(e.nameKey, k -> new ArrayList<>(Arrays.asList(current(e.ecosystemKey, e.nameKey))))
            .add(e);
      }
    }

    /** Removes one source's entries of a record id. */
    void remove(String source, String id) {
      Entry[] old = byId.get(id);
      if (old == null) {
        return;
      }
      List<Entry> kept = new ArrayList<>();
      boolean any = false;
      for (Entry e : old) {
        if (e.feedSource.equals(source)) {
          any = true;
          entries--;
          counts.computeIfPresent(e.ecosystemKey, (k, n) -> n == 1 ? null : n - 1);
          List<Entry> bucket = growing.computeIfAbsent(e.ecosystemKey, k -> new HashMap<>())
              .computeIfAbsent(e.nameKey, k -> new ArrayList<>(Arrays.asList(current(e.ecosystemKey, e.nameKey))));
          bucket.remove(e);
        } else {
          kept.add(e);
        }
      }
      if (any) {
        records--;
      }
      if (kept.isEmpty()) {
        byId.remove(id);
      } else {
        byId.put(id, kept.toArray(NONE));
      }
    }

    private Entry[] current(String eco, String name) {
      Map<String, Entry[]> names = byPackage.get(eco);
      Entry[] e = names == null ? null : names.get(name);
      return e == null ? NONE : e;
    }

    private static Entry[] concat(Entry[] a, List<Entry> b) {
      Entry[] out = Arrays.copyOf(a, a.length + b.size());
      for (int i = 0; i < b.size(); i++) {
        out[a.length + i] = b.get(i);
      }
      return out;
    }

    AdvisoryIndex freeze() {
      growing.forEach((eco, names) -> {
        Map<String, Entry[]> target = byPackage.get(eco);
        if (target == null) {
          target = new HashMap<>();
          byPackage.put(eco, target);
        } else if (copiedEcosystems.add(eco)) {
          target = new HashMap<>(target); // copy on write: the previous index keeps its own map
          byPackage.put(eco, target);
        }
        for (Map.Entry<String, List<Entry>> b : names.entrySet()) {
          if (b.getValue().isEmpty()) {
            target.remove(b.getKey());
          } else {
            Entry[] bucket = b.getValue().toArray(NONE);
            Arrays.sort(bucket, BUCKET_ORDER);
            target.put(b.getKey(), bucket);
          }
        }
        if (target.isEmpty()) {
          byPackage.remove(eco);
        }
      });
      growing.clear();
      return new AdvisoryIndex(byPackage, byId, counts, declared, sparseBelow, records, entries, problemCount,
          problems);
    }
  }

  /** One range of an entry, compiled in its scheme, with its fixed versions (for the fixed-version choice). */
  record CompiledRange(VersionScheme scheme, VersionRange range, Version[] fixed) {}

  /**
   * One affected package of one record: what the source says, with its ranges compiled once.
   */
  public static final class Entry {
    private static final VersionScheme GENERIC = Schemes.forEcosystem("generic");
    private static final Version[] NO_VERSIONS = new Version[0];
    private static final CompiledRange[] NO_RANGES = new CompiledRange[0];

    final String feedSource;
    final String recordId;
    final Set<String> aliases;
    final AffectedPackage affected;
    final String ecosystemKey;
    final String nameKey;
    final CompiledRange[] ranges;
    final VersionScheme versionsScheme;
    final Version[] versions;
    final Set<String> unparsedVersions;
    /** AFFECTED (or a special status) with neither ranges nor versions: every version. */
    final boolean allVersions;

    private Entry(String feedSource, String recordId, Set<String> aliases, AffectedPackage affected,
        String ecosystemKey, String nameKey, CompiledRange[] ranges, VersionScheme versionsScheme, Version[] versions,
        Set<String> unparsedVersions, boolean allVersions) {
      this.feedSource = feedSource;
      this.recordId = recordId;
      this.aliases = aliases;
      this.affected = affected;
      this.ecosystemKey = ecosystemKey;
      this.nameKey = nameKey;
      this.ranges = ranges;
      this.versionsScheme = versionsScheme;
      this.versions = versions;
      this.unparsedVersions = unparsedVersions;
      this.allVersions = allVersions;
    }

    static Entry compile(String source, String id, Set<String> aliases, AffectedPackage a, String eco, String name,
        Mutable m) {
      boolean cpe = EcosystemKeys.isCpe(eco);
      List<CompiledRange> compiled = new ArrayList<>(a.ranges().size());
      String where = source + " " + id + " " + a.ecosystem() + "/" + a.name() + ": ";
      String problem = null;
      for (AffectedRange r : a.ranges()) {
        try {
          compiled.add(compileRange(a.ecosystem(), cpe ? cpeScheme(name) : null, r));
        } catch (IllegalArgumentException e) {
          // GIT ranges, unknown ecosystems, versions the scheme rejects: this range cannot be evaluated
          problem = problem == null ? e.getMessage() : problem;
        }
      }
      VersionScheme versionsScheme = null;
      Version[] versions = NO_VERSIONS;
      Set<String> unparsed = Set.of();
      if (!a.versions().isEmpty()) {
        try {
          versionsScheme = cpe ? cpeScheme(name) : OsvRange.schemeFor(a.ecosystem(), "ECOSYSTEM");
          List<Version> parsed = new ArrayList<>(a.versions().size());
          Set<String> texts = new HashSet<>();
          for (String v : a.versions()) {
            try {
              parsed.add(versionsScheme.parse(v));
            } catch (InvalidVersionException e) {
              texts.add(v); // NB: OSV lists every published version, some of which the ecosystem's own rules reject
            }
          }
          versions = parsed.toArray(NO_VERSIONS);
          Arrays.sort(versions);
          unparsed = texts.isEmpty() ? Set.of() : Set.copyOf(texts);
        } catch (IllegalArgumentException e) {
          problem = problem == null ? e.getMessage() : problem;
          unparsed = Set.copyOf(a.versions()); // still matched by exact text
        }
      }
      if (problem != null) {
        m.problem(where + problem);
      }
      boolean all = a.ranges().isEmpty() && a.versions().isEmpty();
      if (all && cpe && a.status() == AffectedStatus.AFFECTED) {
        // A product named without any version ("versions unspecified") is product-only evidence,
        // which the assessment's KEV product check reports as such; it confirms no version here.
        all = false;
      }
      return new Entry(source, id, aliases, a, eco, name, compiled.toArray(NO_RANGES), versionsScheme, versions,
          unparsed, all);
    }

    /**
     * The version scheme of a CPE product: PAN-OS for {@code paloaltonetworks:panos}, whose
     * hotfix builds ({@code 10.2.9-h1}) have an order of their own; firmware-generic for the rest.
     */
    static VersionScheme cpeScheme(String cpeNameKey) {
      return Schemes.forProduct(cpeNameKey);
    }

    /**
     * @param cpeScheme the scheme of a CPE product's versions, or null for package ecosystems
     */
    private static CompiledRange compileRange(String ecosystem, VersionScheme cpeScheme, AffectedRange r) {
      boolean cpe = cpeScheme != null;
      VersionScheme product = cpe ? cpeScheme : GENERIC;
      return switch (r) {
        case AffectedRange.Events e -> {
          if (e.type().equalsIgnoreCase("GIT")) {
            throw new IllegalArgumentException("GIT ranges need a commit graph and are not evaluated");
          }
          // NB: CVE 5 products are versioned like firmware whatever range type the CNA wrote.
          VersionScheme scheme = cpe ? product : OsvRange.schemeFor(ecosystem, e.type());
          VersionRange range = OsvRange.of(scheme, e.events());
          List<Version> fixed = new ArrayList<>();
          for (OsvEvent ev : e.events()) {
            if (ev.kind() == OsvEvent.Kind.FIXED) {
              fixed.add(scheme.parse(ev.version()));
            }
          }
          Version[] f = fixed.toArray(NO_VERSIONS);
          Arrays.sort(f);
          yield new CompiledRange(scheme, range, f);
        }
        case AffectedRange.CpeMatch c -> {
          VersionRange range = c.toVersionRange(product);
          String update = cpeUpdate(c.criteria());
          boolean bounded = c.startIncluding() != null || c.startExcluding() != null || c.endIncluding() != null
              || c.endExcluding() != null;
          if (!bounded && !update.isEmpty() && !c.cpeVersion().equals("*") && !c.cpeVersion().equals("-")) {
            // NB: NVD lists pre-releases as version + update ("2.9.0" + "rc0"); the version field alone
            // would also match the final 2.9.0 release.
            range = new VersionRange.Comparison(VersionRange.Operator.EQ,
                product.parse(c.cpeVersion() + "-" + update));
          }
          // NVD's versionEndExcluding is the first version without the flaw: the fix.
          Version[] f = c.endExcluding() == null ? NO_VERSIONS : new Version[] {product.parse(c.endExcluding())};
          yield new CompiledRange(product, range, f);
        }
      };
    }

    /** The update component of a CPE 2.3 name ({@code rc0}), or empty for {@code *}, {@code -} or none. */
    private static String cpeUpdate(String criteria) {
      String[] parts = criteria.split(":", -1);
      if (parts.length <= 6) {
        return "";
      }
      String u = parts[6];
      return u.equals("*") || u.equals("-") ? "" : u;
    }

    /**
     * Whether this entry says which versions are affected: ranges or versions that can be
     * evaluated, every version, or "not affected"; a product named without versions does not.
     */
    boolean statesVersions() {
      return allVersions || ranges.length > 0 || versions.length > 0 || !unparsedVersions.isEmpty()
          || affected.status() == AffectedStatus.NOT_AFFECTED;
    }

    /** Whether the installed version is affected per this entry (statuses aside). */
    boolean contains(InstalledVersion installed) {
      if (allVersions) {
        return true;
      }
      for (CompiledRange r : ranges) {
        Version v = installed.in(r.scheme());
        if (v != null && r.range().contains(v)) {
          return true;
        }
      }
      if (versionsScheme != null && versions.length > 0) {
        Version v = installed.in(versionsScheme);
        if (v != null && Arrays.binarySearch(versions, v) >= 0) {
          return true;
        }
      }
      return !unparsedVersions.isEmpty() && unparsedVersions.contains(installed.text());
    }

    /** The smallest fixed version above the installed one, or null. */
    Version fixedAbove(InstalledVersion installed) {
      Version best = null;
      for (CompiledRange r : ranges) {
        Version v = installed.in(r.scheme());
        if (v == null) {
          continue;
        }
        for (Version f : r.fixed()) {
          if (f.compareTo(v) > 0) {
            if (best == null || (best.scheme() == f.scheme() && f.compareTo(best) < 0)) {
              best = f;
            }
            break; // sorted: the first above is the smallest
          }
        }
      }
      return best;
    }

    public String feedSource() {
      return feedSource;
    }

    public String recordId() {
      return recordId;
    }

    public Set<String> aliases() {
      return aliases;
    }

    /** The affected package exactly as the source stated it. */
    public AffectedPackage affected() {
      return affected;
    }

    public String ecosystemKey() {
      return ecosystemKey;
    }

    public String nameKey() {
      return nameKey;
    }

    /** The union of the evaluable ranges, or null when there is none. */
    public VersionRange range() {
      if (ranges.length == 0) {
        return null;
      }
      return ranges.length == 1 ? ranges[0].range()
          : new VersionRange.AnyOf(Arrays.stream(ranges).map(CompiledRange::range).toList());
    }

    /** The range as the source states it, in words, for a finding's evidence. */
    public String describe() {
      AffectedStatus s = affected.status();
      if (affected.ranges().isEmpty() && affected.versions().isEmpty()) {
        String special = s == AffectedStatus.AFFECTED ? "all versions"
            : "<" + s.name().toLowerCase(Locale.ROOT).replace('_', '-') + ">";
        return affected.note().contains("undetermined") ? special + " (undetermined)" : special;
      }
      List<String> parts = new ArrayList<>();
      for (AffectedRange r : affected.ranges()) {
        parts.add(switch (r) {
          case AffectedRange.Events e -> (e.type().equals("ECOSYSTEM") ? "" : e.type() + " ")
              + e.events().stream().map(ev -> ev.kind().field() + " " + ev.version()).collect(Collectors.joining(", "));
          case AffectedRange.CpeMatch c -> describe(c);
        });
      }
      if (!affected.versions().isEmpty()) {
        List<String> vs = affected.versions();
        parts.add("versions " + String.join(", ", vs.subList(0, Math.min(vs.size(), 10)))
            + (vs.size() > 10 ? " (+" + (vs.size() - 10) + " more)" : ""));
      }
      return String.join(" || ", parts);
    }

    private static String describe(AffectedRange.CpeMatch c) {
      StringBuilder b = new StringBuilder(c.criteria());
      if (c.startIncluding() != null) {
        b.append(" >=").append(c.startIncluding());
      }
      if (c.startExcluding() != null) {
        b.append(" >").append(c.startExcluding());
      }
      if (c.endIncluding() != null) {
        b.append(" <=").append(c.endIncluding());
      }
      if (c.endExcluding() != null) {
        b.append(" <").append(c.endExcluding());
      }
      return b.toString();
    }

    @Override
    public String toString() {
      return feedSource + " " + recordId + " " + affected.ecosystem() + "/" + affected.name() + " " + describe();
    }
  }
}
