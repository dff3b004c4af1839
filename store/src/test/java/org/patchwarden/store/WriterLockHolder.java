package org.patchwarden.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Runs in a child JVM: takes the writer lock of a database (JDBC URL), says "held", releases on a line of input. */
public final class WriterLockHolder {
  private WriterLockHolder() {}

  public static void main(String[] args) throws Exception {
    try (Database db = Database.open(args[0], null, null);
        var held = db.writerLock().acquire(() -> System.out.println("waiting"))) {
      System.out.println("held");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
    System.out.println("released");
  }
}
