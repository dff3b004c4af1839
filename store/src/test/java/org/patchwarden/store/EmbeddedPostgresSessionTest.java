package org.patchwarden.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherSessionListener;

/** The embedded PostgreSQL ends with the test session, not in a shutdown hook that surefire's exit timeout kills. */
class EmbeddedPostgresSessionTest {
  @Test
  void theJUnitLauncherFindsTheSessionListenerThatStopsTheServer() {
    assertThat(ServiceLoader.load(LauncherSessionListener.class).stream().map(p -> p.type().getName()))
        .contains(EmbeddedPostgresSession.class.getName());
  }
}
