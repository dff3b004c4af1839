package org.patchwarden.app.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/** Where a command reads and writes and what environment it sees; tests pass their own. */
public record Terminal(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env) {}
