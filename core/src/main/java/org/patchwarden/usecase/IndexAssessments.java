package org.patchwarden.usecase;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.patchwarden.assess.AssessmentIndex;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.feed.FeedVersion;
import org.patchwarden.finding.FindingId;
import org.patchwarden.feed.FeedVersionStore;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.match.FindingFilter;
import org.patchwarden.match.FindingStore;
import org.patchwarden.match.TrackedFinding;
import org.patchwarden.match.WriterLock;

/**
 * Use case: keeps the {@link AssessmentIndex} equal to what {@link AssessFindings} would say now.
 * Writers re-index the assets whose findings or context they changed, in their own transaction;
 * a reader rebuilds the whole index when its basis (policy, SSVC table, feed versions) is not the
 * current one. Assessments do not depend on today's date (due dates count from first seen), so a
 * day passing changes nothing.
 */
public final class IndexAssessments {
  /** Assets re-indexed per transaction by a rebuild: memory follows their findings, not the fleet's. */
  static final int GROUP = 250;
  /** One rebuild at a time in a process: readers that find the index stale wait for it, then read. */
  private static final Object REBUILD = new Object();
  private final AssessmentIndex index;
  private final FindingStore findings;
  private final AssetStore assets;
  private final AssessFindings assess;
  private final FeedVersionStore feeds;
  private final WriterLock lock;
  private final Supplier<String> policyFingerprint;
  private volatile String basis;
  /** Whole listings read at one generation of the index, by their query: see {@link #listing}. */
  private final java.util.concurrent.ConcurrentHashMap<Listed, java.util.concurrent.CompletableFuture<List<FindingId>>>
      listings = new java.util.concurrent.ConcurrentHashMap<>();
  /** Identities remembered at most, over every listing: some 100 bytes each. */
  static final int REMEMBERED_IDENTITIES = 1_000_000;

  private record Listed(long generation, AssessmentIndex.Query query) {}

  /**
   * @param findings and {@code assets} the stores as they are, not the indexing decorators
   * @param lock held by a rebuild, so that no writer changes findings it has read and not yet indexed
   */
  public IndexAssessments(AssessmentIndex index, FindingStore findings, AssetStore assets, AssessFindings assess,
      FeedVersionStore feeds, WriterLock lock) {
    this.index = Objects.requireNonNull(index, "index");
    this.findings = Objects.requireNonNull(findings, "findings");
    this.assets = Objects.requireNonNull(assets, "assets");
    this.assess = Objects.requireNonNull(assess, "assess");
    this.feeds = Objects.requireNonNull(feeds, "feeds");
    this.lock = Objects.requireNonNull(lock, "lock");
    this.policyFingerprint = assess::fingerprint;
  }

  public AssessmentIndex index() {
    return index;
  }

  public AssessFindings assess() {
    return assess;
  }

  /**
   * What the index must have been computed from to be current: a digest of the policy, whether its
   * SSVC table is loaded, and every feed version loaded (advisories, KEV, EPSS, ATT&CK, SSVC).
   * Computed once per instance: the composition root makes a new instance whenever the policy or a
   * feed version changes (so a findings page does not read the feed versions twice).
   */
  public String basis() {
    String known = basis;
    if (known == null) {
      known = computeBasis();
      basis = known;
    }
    return known;
  }

  /** Forgets the basis computed: the next {@link #basis()} reads the feed versions again. */
  public void forgetBasis() {
    basis = null;
  }

  private String computeBasis() {
    StringBuilder text = new StringBuilder(policyFingerprint.get());
    for (FeedVersion v : feeds.all()) {
      text.append('\n').append(v.source()).append(' ').append(v.version()).append(' ').append(v.loadedAt());
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return "v1:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Whether the index has been built (writers then keep it current; before that they need not). */
  public boolean built() {
    return !index.basis().isEmpty();
  }

  /** Makes the index current: rebuilds it when its basis is not {@link #basis()}. Returns whether it rebuilt. */
  public boolean refresh() {
    String basis = basis();
    if (basis.equals(index.basis())) {
      return false;
    }
    synchronized (REBUILD) {
      try (WriterLock.Held held = lock.acquire(() -> { })) {
        if (basis.equals(index.basis())) {
          return false;
        }
        rebuild(basis);
        return true;
      }
    }
  }

  /**
   * Makes the index current and tells its basis and generation: one query when it is current
   * already. Rows read after this call are at least as new as the generation returned.
   */
  public AssessmentIndex.Stamp current() {
    AssessmentIndex.Stamp stamp = index.stamp();
    if (stamp.basis().equals(basis())) {
      return stamp;
    }
    refresh();
    return index.stamp();
  }

  /**
   * The identities of every row {@code query} lists, in its order, as the index held them at
   * {@code generation} or later (from {@link #current}). Remembered for as long as the generation is
   * the newest asked for: the pages of a listing are then slices of it, so that a deep page does not
   * make the database order every row before it again, and only one reader reads a listing that
   * several ask for at once.
   */
  public List<FindingId> listing(AssessmentIndex.Query query, long generation) {
    Listed key = new Listed(generation, query.listing());
    java.util.concurrent.CompletableFuture<List<FindingId>> mine = new java.util.concurrent.CompletableFuture<>();
    java.util.concurrent.CompletableFuture<List<FindingId>> known = listings.putIfAbsent(key, mine);
    if (known == null) {
      listings.keySet().removeIf(k -> k.generation() < generation);
      try {
        mine.complete(index.identities(key.query()));
      } catch (RuntimeException e) {
        listings.remove(key, mine);
        mine.completeExceptionally(e);
        throw e;
      }
      long remembered = listings.values().stream().filter(java.util.concurrent.CompletableFuture::isDone)
          .mapToLong(f -> f.isCompletedExceptionally() ? 0 : f.join().size()).sum();
      if (remembered > REMEMBERED_IDENTITIES) {
        listings.keySet().removeIf(k -> !k.equals(key));
      }
      known = mine;
    }
    try {
      return known.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Computes every asset's rows again and records {@code basis}. */
  private void rebuild(String basis) {
    index.recordBasis("");
    List<String> names = assets.list().stream().map(Asset::name).sorted().toList();
    for (int from = 0; from < names.size(); from += GROUP) {
      reindex(names.subList(from, Math.min(names.size(), from + GROUP)));
    }
    index.recordBasis(basis);
  }

  /**
   * Computes the rows of {@code assetNames} again from their findings and context as stored now, in
   * the caller's transaction when there is one.
   */
  public void reindex(Collection<String> assetNames) {
    List<String> names = List.copyOf(new TreeSet<>(assetNames));
    // one query per batch of assets, not one per asset: a rebuild of a 10,000-host store reads 40 times
    List<TrackedFinding> tracked = findings.listOf(names);
    List<AssessmentIndex.Entry> entries = new ArrayList<>(tracked.size());
    for (PrioritisedFinding p : assess.assessTracked(tracked)) {
      entries.add(AssessmentIndex.Entry.of(p.tracked(), p.assessment()));
    }
    index.replace(names, entries);
  }

  /** Marks the index stale: the next reader rebuilds it (after a re-match, whose changes span the fleet). */
  public void invalidate() {
    index.recordBasis("");
  }
}
