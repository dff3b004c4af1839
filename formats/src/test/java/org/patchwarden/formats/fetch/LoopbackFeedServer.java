package org.patchwarden.formats.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 whose single route behaves as the test scripts it, one behaviour
 * per request in order (the last one repeats). It records the request headers it saw.
 */
public final class LoopbackFeedServer implements AutoCloseable {
  /** What to do with one request. */
  @FunctionalInterface
  public interface Behaviour {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final List<Behaviour> script = new CopyOnWriteArrayList<>();
  private final List<com.sun.net.httpserver.Headers> requests = new CopyOnWriteArrayList<>();

  public LoopbackFeedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      requests.add(exchange.getRequestHeaders());
      int i = Math.min(requests.size() - 1, script.size() - 1);
      try {
        script.get(i).handle(exchange);
      } catch (IOException e) {
        // the client went away (a cut-off test); nothing to report
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  /** Sets the behaviours for the next requests, in order. */
  public LoopbackFeedServer script(Behaviour... behaviours) {
    script.clear();
    script.addAll(List.of(behaviours));
    requests.clear();
    return this;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<com.sun.net.httpserver.Headers> requests() {
    return requests;
  }

  public static Behaviour ok(byte[] body, String etag) {
    return ex -> {
      if (etag != null) {
        ex.getResponseHeaders().add("ETag", etag);
      }
      ex.getResponseHeaders().add("Last-Modified", "Mon, 25 Aug 2025 17:04:19 GMT");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    };
  }

  public static Behaviour status(int code) {
    return ex -> ex.sendResponseHeaders(code, -1);
  }

  /** Declares the full length, sends half, then closes. */
  public static Behaviour truncated(byte[] body) {
    return ex -> {
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body, 0, body.length / 2);
      ex.getResponseBody().flush();
      ex.getHttpContext().getServer(); // keep the exchange; closing below cuts the body short
    };
  }

  /** Sends {@code body} a few bytes at a time with a pause between chunks. */
  public static Behaviour slow(byte[] body, long pauseMillis) {
    return ex -> {
      ex.sendResponseHeaders(200, body.length);
      for (int i = 0; i < body.length; i += 16) {
        ex.getResponseBody().write(body, i, Math.min(16, body.length - i));
        ex.getResponseBody().flush();
        try {
          Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    };
  }

  /** A gzip-encoded body, chunked (no length). */
  public static Behaviour gzip(byte[] gzipped) {
    return ex -> {
      ex.getResponseHeaders().add("Content-Encoding", "gzip");
      ex.sendResponseHeaders(200, 0);
      ex.getResponseBody().write(gzipped);
    };
  }

  /** A 304 when the request carries the ETag, else the body. */
  public static Behaviour conditional(byte[] body, String etag) {
    return ex -> {
      if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        ex.sendResponseHeaders(304, -1);
      } else {
        ok(body, etag).handle(ex);
      }
    };
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
