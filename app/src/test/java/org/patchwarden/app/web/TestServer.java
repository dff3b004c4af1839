package org.patchwarden.app.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.patchwarden.access.Role;
import org.patchwarden.app.App;
import org.patchwarden.app.config.AppConfig;
import org.patchwarden.store.TestDatabases;

/**
 * A real server for tests: {@code patchwarden serve}'s {@link WebServer} on 127.0.0.1 and a free
 * port, over a SQLite file in {@code dir} ({@link #sqlite}) or a fresh embedded PostgreSQL database
 * ({@link #postgres}). Start one per test class ({@code @BeforeAll}) and close it after.
 *
 * <p>Seeded: teams {@code red} and {@code blue}; one user per {@link Who} (admin and approver in no
 * team; analyst and viewer in red; other-analyst and other-viewer in blue), each with an API token
 * and the password {@link #password}. Assets are the test's to add (see {@link #app()}), e.g. with
 * {@code owner_team} red or blue.
 *
 * <p>{@link #loadDemoFeeds()} loads the bundled demo feeds (the {@code demo} command's real KEV, OSV,
 * Debian... slices) and {@link #demoInventory} gives a demo fleet asset's inventory files, to upload.
 *
 * <p>Calls: {@code server.as(Who.VIEWER).get("/api/v1/assets")} sends the viewer's bearer token;
 * {@link Who#ANONYMOUS} sends none. {@link #http()} is the one shared {@link HttpClient};
 * {@link #request} gives a request builder with the token set, for anything else.
 */
public final class TestServer implements AutoCloseable {
  /** Who a test calls as: a role, the same role in another team, or nobody. */
  public enum Who {
    ADMIN(Role.ADMIN, null), ANALYST(Role.ANALYST, "red"), APPROVER(Role.APPROVER, null), VIEWER(Role.VIEWER, "red"),
    OTHER_ANALYST(Role.ANALYST, "blue"), OTHER_VIEWER(Role.VIEWER, "blue"), ANONYMOUS(null, null);

    public final Role role;
    public final String team;

    Who(Role role, String team) {
      this.role = role;
      this.team = team;
    }

    /** The seeded user's name: {@code admin}, {@code other-viewer}, ... */
    public String userName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  private final App app;
  private final WebServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Map<Who, String> tokens = new EnumMap<>(Who.class);

  private TestServer(AppConfig config) {
    this.app = new App(config, Clock.systemUTC());
    seed();
    this.server = new WebServer(app).start("127.0.0.1", 0);
  }

  /** A server over a new SQLite database in {@code dir}. */
  public static TestServer sqlite(Path dir) {
    return new TestServer(new AppConfig(dir, "jdbc:sqlite:" + dir.resolve("patchwarden.db"), null, null, "warn",
        List.of(), null));
  }

  /** A server over a new database on the (embedded) test PostgreSQL; {@code dir} is its home. */
  public static TestServer postgres(Path dir) {
    return new TestServer(new AppConfig(dir, TestDatabases.postgresUrl(), null, null, "warn", List.of(), null));
  }

  /** The seeded password of {@code who}. */
  public static String password(Who who) {
    return who.userName() + "-secret-pw";
  }

  private void seed() {
    var users = app.manageUsers();
    users.addTeam("red");
    users.addTeam("blue");
    for (Who w : Who.values()) {
      if (w.role != null) {
        users.addUser(w.userName(), w.role, w.team == null ? Set.of() : Set.of(w.team), password(w));
        tokens.put(w, users.issueToken(w.userName(), "test"));
      }
    }
  }

  /** Loads the bundled demo feeds into this server's database, as {@code feeds load} would. */
  public TestServer loadDemoFeeds() {
    Path feeds = copyTree("feeds", app.config().home().resolve("demo-feeds"));
    var loader = app.feedLoader(n -> { });
    for (var input : org.patchwarden.formats.feed.FeedScanner.scan(feeds).inputs()) {
      loader.load(input, "bundled:" + feeds.relativize(input.paths().get(0)), false);
    }
    return this;
  }

  /**
   * The inventory files of demo fleet asset {@code name} ({@code web-01}, {@code web-02},
   * {@code staging-web-01}: os-release and dpkg status; {@code alma-db-01}...), as file name to bytes.
   */
  public static Map<String, byte[]> demoInventory(String name) {
    String indexName = "/demo/fleet.index";
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    try (var index = TestServer.class.getResourceAsStream(indexName)) {
      for (String line : new String(index.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList()) {
        if (line.startsWith(name + "/")) {
          try (var in = TestServer.class.getResourceAsStream("/demo/fleet/" + line)) {
            files.put(line.substring(name.length() + 1), in.readAllBytes());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no demo fleet asset " + name);
    }
    return files;
  }

  /** A multipart/form-data body of {@code files}, with its boundary: (content type, body). */
  public static Map.Entry<String, byte[]> multipart(Map<String, byte[]> files) {
    String boundary = "pwtest" + Long.toHexString(System.nanoTime());
    var out = new java.io.ByteArrayOutputStream();
    for (var f : files.entrySet()) {
      out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + f.getKey()
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.writeBytes(f.getValue());
      out.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return Map.entry("multipart/form-data; boundary=" + boundary, out.toByteArray());
  }

  private static Path copyTree(String tree, Path dir) {
    try (var index = TestServer.class.getResourceAsStream("/demo/" + tree + ".index")) {
      for (String name : new String(index.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank()).toList()) {
        Path target = dir.resolve(name).normalize();
        java.nio.file.Files.createDirectories(target.getParent());
        try (var in = TestServer.class.getResourceAsStream("/demo/" + tree + "/" + name)) {
          java.nio.file.Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public App app() {
    return app;
  }

  public WebServer server() {
    return server;
  }

  public HttpClient http() {
    return http;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  /** The API token of {@code who} (null for ANONYMOUS). */
  public String token(Who who) {
    return tokens.get(who);
  }

  /** A request to {@code path} carrying the bearer token of {@code who}. */
  public HttpRequest.Builder request(Who who, String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (tokens.containsKey(who)) {
      b.header("Authorization", "Bearer " + tokens.get(who));
    }
    return b;
  }

  /** Calls made as {@code who}. */
  public As as(Who who) {
    return new As(who);
  }

  /** Calls as one user: get, post with a body, send any request. */
  public final class As {
    private final Who who;

    private As(Who who) {
      this.who = who;
    }

    public HttpResponse<String> get(String path) {
      return send(request(who, path).GET().build());
    }

    public HttpResponse<String> post(String path, String contentType, String body) {
      return send(request(who, path).header("Content-Type", contentType)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Uploads {@code files} as the inventory of {@code asset} (multipart), with query {@code extra} (e.g. "&team=red"). */
    public HttpResponse<String> upload(String asset, Map<String, byte[]> files, String extra) {
      var body = multipart(files);
      return send(request(who, "/api/v1/inventories?asset=" + asset + extra).header("Content-Type", body.getKey())
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.getValue())).build());
    }

    public HttpResponse<String> postJson(String path, String json) {
      return post(path, "application/json", json);
    }

    public HttpResponse<String> send(HttpRequest request) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() {
    server.close();
    app.close();
  }
}
