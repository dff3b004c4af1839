package org.patchwarden.store;

import java.nio.file.Path;
import java.util.Set;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;

/** Runs in a child JVM: opens the same SQLite file as the test, reads and writes, prints what it saw. */
public final class SqliteSecondProcess {
  private SqliteSecondProcess() {}

  public static void main(String[] args) {
    try (Database db = Database.openSqlite(Path.of(args[0]))) {
      int kev = db.kevStore().count();
      db.assetStore().save(new Asset("from-child", AssetKind.HOST, "test", "", 4, false, Set.of()));
      System.out.println("kev=" + kev);
    }
  }
}
