package org.patchwarden.app.web;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.patchwarden.app.App;
import org.patchwarden.app.inventory.CollectedInventory;
import org.patchwarden.app.inventory.InventoryFiles;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.usecase.RecordInventory;
import org.patchwarden.usecase.ScanAssets;

/**
 * Inventory uploads: {@code POST /api/v1/inventories?asset=NAME} with the files {@code scan FILE...}
 * and {@code inventory import} read (dpkg status, rpm -qa list, apk db, CycloneDX, SPDX, lockfiles,
 * os-release), as multipart parts or one raw body named by {@code filename}. The inventory is
 * matched and assessed at once and verifies the applied changes on the asset ({@link RecordInventory}),
 * under the database's writer lock like the CLI's matching commands, together with the uploads that
 * arrived meanwhile ({@link org.patchwarden.usecase.RecordUploads}). An unchanged re-upload (a retry)
 * adds no revision.
 */
final class InventoryRoutes implements RouteModule {
  /** Upload parts are saved under these names only: detection goes by name ("status", "os-release"...). */
  private static final java.util.regex.Pattern SAFE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  /** The answer header saying a retried upload (same Idempotency-Key) got the first answer again. */
  static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
  private final App app;
  private final org.patchwarden.usecase.RecordUploads uploads;

  InventoryRoutes(App app, org.patchwarden.usecase.RecordUploads uploads) {
    this.app = app;
    this.uploads = uploads;
  }

  @Override
  public void register(RouteRegistry routes) {
    routes.add(Route.post(ApiRoutes.BASE + "/inventories", Permission.ANALYZE,
        "Upload one asset's inventory files (multipart parts, or a raw body named by 'filename'); matched, assessed"
            + " and verified at once", this::upload)
        .query("asset", "team", "replace", "filename").body("multipart/form-data").scoped());
  }

  private void upload(Context ctx) throws IOException {
    Caller caller = Caller.of(ctx);
    String name = Optional.ofNullable(ctx.queryParam("asset")).map(String::strip)
        .filter(s -> !s.isEmpty()).orElseThrow(() -> ApiProblem.badRequest("query parameter 'asset' is required"));
    boolean replace = Boolean.TRUE.equals(ApiRoutes.bool("replace", ctx.queryParam("replace")));
    Optional<Asset> existing = app.assetContexts().find(name);
    existing.ifPresent(a -> caller.mustSee(name, a.ownerTeam()));
    String key = ctx.header("Idempotency-Key");
    if (key != null && (key.isBlank() || key.length() > 128)) {
      throw ApiProblem.badRequest("Idempotency-Key must have 1 to 128 characters");
    }
    int[] status = {200};
    // A retried upload (same key) gets the first answer; nothing is recorded twice (ReceiveUpload).
    var outcome = app.receiveUpload().receive(key, name, ctx.userAgent(), () -> {
      try {
        return record(ctx, caller, name, replace, existing, status);
      } catch (IOException e) {
        throw new UncheckedIOException("inventory upload for " + name, e);
      }
    });
    ctx.header(IDEMPOTENT_REPLAYED, Boolean.toString(outcome.replayed()))
        .status(outcome.replayed() ? 200 : status[0]).contentType("application/json").result(outcome.response());
  }

  /** Records the upload and returns its answer (JSON); {@code status} gets 201 for a new revision. */
  private String record(Context ctx, Caller caller, String name, boolean replace, Optional<Asset> existing,
      int[] status) throws IOException {
    Path dir = Files.createTempDirectory("patchwarden-upload-");
    try {
      List<Path> files = save(ctx, dir);
      CollectedInventory collected = InventoryFiles.read(files);
      AssetKind kind = collected.os() != null ? AssetKind.HOST : AssetKind.APPLICATION;
      // A new asset gets the uploader's team; an existing one keeps its context (and team).
      Asset context = existing.isPresent() ? Asset.unstated(name, existing.get().kind())
          : new Asset(name, kind, null, caller.user().teamForNewAsset(ctx.queryParam("team")), null, null, Set.of());
      // recorded with the other uploads queued meanwhile, under one writer-lock hold (group commit)
      RecordInventory.Recorded recorded = uploads.record(
          new ScanAssets.AssetInventory(context, false, collected.os(), collected.packages(), replace));
      ScanAssets.AssetReport report = recorded.reports().get(0);
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("asset", report.asset().name());
      doc.put("revision", report.inventory().revision());
      doc.put("unchanged", report.unchanged());
      doc.put("packages", report.packageCount());
      doc.put("findings", report.findings().size());
      doc.put("opened", report.update().opened());
      doc.put("still_open", report.update().stillOpen());
      doc.put("closed", report.update().closed());
      doc.put("reopened", report.update().reopened());
      doc.put("gaps", report.gaps().size());
      List<String> notes = new ArrayList<>(collected.notes());
      notes.addAll(report.warnings());
      doc.put("notes", notes);
      doc.put("verified_changes", recorded.verified().stream().filter(RecordInventoryResults::decided)
          .map(r -> Map.of("id", r.after().id(), "state", r.after().state().name())).toList());
      status[0] = report.unchanged() ? 200 : 201;
      return WebServer.mapper().writeValueAsString(doc);
    } finally {
      deleteTree(dir);
    }
  }

  private static List<Path> save(Context ctx, Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    String type = ctx.contentType() == null ? "" : ctx.contentType();
    if (type.startsWith("multipart/form-data")) {
      for (UploadedFile f : ctx.uploadedFiles()) {
        files.add(copy(f.filename(), f.content(), dir));
      }
    } else {
      String filename = ctx.queryParam("filename");
      if (filename == null) {
        throw ApiProblem.badRequest("a raw upload needs query parameter 'filename' (e.g. status, os-release, bom.json);"
            + " or send multipart/form-data parts with file names");
      }
      files.add(copy(filename, ctx.bodyInputStream(), dir));
    }
    if (files.isEmpty()) {
      throw ApiProblem.badRequest("no inventory files in the upload");
    }
    return files;
  }

  private static Path copy(String filename, InputStream in, Path dir) throws IOException {
    String base = filename == null ? "" : filename.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    if (!SAFE_NAME.matcher(base).matches()) {
      throw ApiProblem.badRequest("upload file name '" + filename + "': expected letters, digits, '.', '_' or '-'");
    }
    Path target = dir.resolve(base);
    if (Files.exists(target)) {
      throw ApiProblem.badRequest("upload file name '" + base + "' given twice");
    }
    try (in; var out = Files.newOutputStream(target)) {
      // A chunked body states no length: count what arrives.
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > WebServer.MAX_REQUEST_BYTES) {
          throw new ApiProblem(413, "Content too large", "upload larger than " + WebServer.MAX_REQUEST_BYTES + " bytes");
        }
        out.write(buffer, 0, n);
      }
    }
    return target;
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove upload directory " + dir, e);
    }
  }

  /** Which verification results decided something. */
  private static final class RecordInventoryResults {
    static boolean decided(org.patchwarden.usecase.VerifyChanges.Result r) {
      return r.stateChanged() || !r.decided().isEmpty();
    }
  }
}
