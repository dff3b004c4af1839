package org.patchwarden.usecase;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.patchwarden.advisory.AdvisoryStore;
import org.patchwarden.feed.FeedContent;
import org.patchwarden.feed.FeedUpdate;
import org.patchwarden.feed.FeedVersion;
import org.patchwarden.feed.FeedVersionStore;
import org.patchwarden.feed.LoadMode;
import org.patchwarden.feed.OlderFeedException;
import org.patchwarden.feed.RemovalShareException;
import org.patchwarden.match.FindingsUpdate;

/**
 * Use case: the feed-loading policy that every edge (mirror load, upstream sync, demo, a future
 * API or scheduler) goes through, so that none can bypass it:
 *
 * <ul>
 *   <li>a dated catalog (KEV, EPSS) older than the current one is refused, before reading when its
 *       version is declared and inside the loading transaction by its own date otherwise; any
 *       other replacement whose document states a release date is refused when older, by that date;
 *   <li>a replacement that would remove more than {@link #DEFAULT_MAX_REMOVAL_SHARE} (or the
 *       configured share) of its source's records is refused unless forced: an empty KEV catalog or
 *       a header-only EPSS file never wipes a source;
 *   <li>a document of a source made of many documents (OSV, CVE 5, NVD pages) adds and updates
 *       records unless a full replacement is asked for, so that one file never wipes a source;
 *   <li>a change of advisories or of KEV re-matches the findings at once, so that results do not
 *       depend on the order of loads and imports;
 *   <li>the outcome says what is true: a committed load whose re-match failed is reported as such.
 * </ul>
 */
public final class UpdateFeed {
  /** The share of a source's records a replacement may remove unless forced. */
  public static final double DEFAULT_MAX_REMOVAL_SHARE = 0.5;

  private final LoadFeeds load;
  private final FeedVersionStore versions;
  private final AdvisoryStore advisories;
  private final RematchAdvisories rematch;
  private final Clock clock;
  private final double maxRemovalShare;

  public UpdateFeed(LoadFeeds load, FeedVersionStore versions, AdvisoryStore advisories, RematchAdvisories rematch,
      Clock clock) {
    this(load, versions, advisories, rematch, clock, DEFAULT_MAX_REMOVAL_SHARE);
  }

  /** @param maxRemovalShare the share (0 to 1) of a source's records a replacement may remove; 1 allows anything */
  public UpdateFeed(LoadFeeds load, FeedVersionStore versions, AdvisoryStore advisories, RematchAdvisories rematch,
      Clock clock, double maxRemovalShare) {
    if (!(maxRemovalShare >= 0 && maxRemovalShare <= 1)) {
      throw new IllegalArgumentException("the share of records a load may remove must be between 0 and 1, got "
          + maxRemovalShare);
    }
    this.load = load;
    this.versions = versions;
    this.advisories = advisories;
    this.rematch = rematch;
    this.clock = clock;
    this.maxRemovalShare = maxRemovalShare;
  }

  /** This policy without the removal limit: the operator has looked and forces the replacement. */
  public UpdateFeed forced() {
    return new UpdateFeed(load, versions, advisories, rematch, clock, 1);
  }

  /**
   * A document to load.
   *
   * @param declaredVersion the version the document states before it is read (KEV's catalogVersion), else empty
   * @param replace the document is the source's full snapshot even if the source is made of many documents
   */
  public record Request(String source, FeedContent content, String declaredVersion, boolean replace) {
    public Request {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(content, "content");
      Objects.requireNonNull(declaredVersion, "declaredVersion");
    }

    /** How the policy loads it. */
    public LoadMode mode() {
      return content.manyDocuments() && !replace ? LoadMode.MERGE : LoadMode.REPLACE;
    }
  }

  /** The edge's part of a load: read the document and hand it to the store through {@code load}. */
  @FunctionalInterface
  public interface Reading {
    FeedUpdate read(LoadFeeds load);
  }

  /**
   * What re-matching after a load did.
   *
   * @param failure why the re-match failed after the load was committed, or null
   */
  public record Rematch(FindingsUpdate advisories, FindingsUpdate kevProducts, String failure) {
    static final FindingsUpdate NONE = new FindingsUpdate(0, 0, 0);

    /** No re-match was needed. */
    public static Rematch none() {
      return new Rematch(NONE, NONE, null);
    }

    public Optional<String> failed() {
      return Optional.ofNullable(failure);
    }

    /** Findings opened, kept and retracted, both steps together. */
    public FindingsUpdate total() {
      return new FindingsUpdate(advisories.opened() + kevProducts.opened(),
          advisories.stillOpen() + kevProducts.stillOpen(), advisories.closed() + kevProducts.closed());
    }
  }

  /** What happened to one document. */
  public sealed interface Outcome {
    String source();

    /** Refused: older than the current version, which stays. Nothing was written. */
    record Older(String source, String version, String current) implements Outcome {}

    /** Refused: it would remove too much of the source ({@code reason} says how much). Nothing was written. */
    record Refused(String source, String version, String reason) implements Outcome {}

    /**
     * Committed (or found unchanged); {@code rematch} says whether the findings followed.
     *
     * @param mode how it was loaded
     */
    record Loaded(String source, FeedUpdate update, LoadMode mode, Rematch rematch) implements Outcome {}
  }

  /**
   * Loads one document by the policy.
   *
   * @throws RuntimeException when reading or storing fails: then nothing was written (typically a
   *     {@link org.patchwarden.feed.FeedFormatException})
   */
  public Outcome update(Request request, Reading reading) {
    String source = request.source();
    Optional<FeedVersion> current = versions.current(source);
    if (request.content().dated() && !request.declaredVersion().isEmpty() && current.isPresent()
        && current.get().version().compareTo(request.declaredVersion()) > 0) {
      return new Outcome.Older(source, request.declaredVersion(), current.get().version());
    }
    LoadMode mode = request.mode();
    FeedUpdate update;
    // A replacement dated by its own document must not roll back, whatever the feed.
    boolean refuseOlder = request.content().dated() || mode == LoadMode.REPLACE;
    try {
      update = reading.read(load.with(mode, refuseOlder, maxRemovalShare));
    } catch (OlderFeedException e) {
      return new Outcome.Older(source, e.version(), e.current());
    } catch (RemovalShareException e) {
      return new Outcome.Refused(source, e.version(), e.getMessage());
    }
    return new Outcome.Loaded(source, update, mode, rematch(request.content(), update));
  }

  /**
   * What removing a source did.
   *
   * @param removed the record ids removed
   */
  public record Removal(String source, List<String> removed, Rematch rematch) {}

  /**
   * Removes an advisory source: its records, its version, and (as retracted) its findings; then
   * the KEV-product step runs again, since the source may have held versioned data for a KEV CVE.
   *
   * @throws NoSuchElementException when no feed of that name is loaded
   * @throws IllegalArgumentException when the source is loaded but holds no advisories (KEV, EPSS …)
   */
  public Removal remove(String source) {
    if (versions.current(source).isEmpty()) {
      throw new NoSuchElementException("no feed '" + source + "' is loaded");
    }
    if (!isAdvisorySource(source)) {
      throw new IllegalArgumentException("'" + source + "' is not an advisory source; only advisory sources"
          + " (osv:…, nvd, cve5, debian-…) can be removed, other feeds are replaced by loading a newer document");
    }
    java.time.Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<String> ids = advisories.remove(source, at);
    try {
      FindingsUpdate retracted = rematch.retractAll(source);
      Removal done = new Removal(source, ids, new Rematch(retracted, rematch.kevProducts(), null));
      // The store noted the removal's re-match as pending when it committed (version removed@<at>).
      rematch.done(source, "removed@" + at);
      return done;
    } catch (RuntimeException e) {
      return new Removal(source, ids, new Rematch(Rematch.NONE, Rematch.NONE, message(e)));
    }
  }

  /** Whether {@code source} is one the advisory store holds (the names {@code feeds status} shows). */
  public static boolean isAdvisorySource(String source) {
    return source.startsWith("osv:") || source.equals("nvd") || source.equals("cve5") || source.startsWith("debian-");
  }

  private Rematch rematch(FeedContent content, FeedUpdate update) {
    boolean changed = !update.unchanged() && update.added() + update.updated() + update.removed() > 0;
    if (!changed || !(content.advisories() || content == FeedContent.KEV)) {
      return Rematch.none();
    }
    FindingsUpdate byAdvisories = Rematch.NONE;
    try {
      if (content.advisories()) {
        byAdvisories = rematch.afterLoad(update.version().source(), update.version().version());
      }
      Rematch done = new Rematch(byAdvisories, rematch.kevProducts(), null);
      rematch.done(update.version().source(), update.version().version());
      return done;
    } catch (RuntimeException e) {
      return new Rematch(byAdvisories, Rematch.NONE, message(e));
    }
  }

  private static String message(RuntimeException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
