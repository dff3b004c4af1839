package org.patchwarden.store;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the embedded PostgreSQL server when the test session ends, before the fork exits: stopping it
 * in a JVM shutdown hook raced surefire, which kills a fork whose exit takes more than 30 s.
 * Registered in META-INF/services, so every module using the store's test jar gets it.
 */
public final class EmbeddedPostgresSession implements LauncherSessionListener {
  @Override
  public void launcherSessionClosed(LauncherSession session) {
    TestDatabases.stopEmbedded();
  }
}
