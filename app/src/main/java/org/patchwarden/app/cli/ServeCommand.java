package org.patchwarden.app.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.patchwarden.app.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code patchwarden serve}: the HTTP server (REST API and dashboard) until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve the REST API (/api/v1) and the dashboard over HTTP until interrupted (Ctrl-C).",
        "Callers sign in with an API token ('user token NAME') or a browser session.",
        "Put a TLS proxy in front for anything but loopback: session cookies are Secure."})
final class ServeCommand implements Callable<Integer> {
  @ParentCommand PatchwardenCommand root;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "Port to listen on (default 8080; 0 picks a free one and prints it).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).")
  String bind;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new CliException(2, "--port " + port + ": expected 0..65535");
    }
    var app = root.app();
    if (!app.manageUsers().anyUser()) {
      root.terminal().err().println("patchwarden: no users yet; create an admin with"
          + " 'patchwarden user add NAME --role admin --password-stdin' and an API token with 'patchwarden user token NAME'");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    WebServer server;
    try {
      server = new WebServer(app).start(bind, port);
    } catch (RuntimeException e) {
      throw new CliException(1, "serve: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "patchwarden-serve-stop"));
    root.terminal().out().println("patchwarden: serving http://" + hostForUrl(bind) + ":" + server.port()
        + "/ (database " + app.databaseDescription() + ")");
    root.terminal().out().flush();
    stopped.await();
    return 0;
  }

  private static String hostForUrl(String bind) {
    return bind.contains(":") ? "[" + bind + "]" : bind;
  }
}
