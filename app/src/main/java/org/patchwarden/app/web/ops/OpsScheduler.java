package org.patchwarden.app.web.ops;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.patchwarden.schedule.JobRun;
import org.patchwarden.schedule.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ticks a {@link Scheduler} on one daemon thread of this server process. Several processes on one
 * PostgreSQL each tick; the store's claim makes each due run happen on one of them.
 */
public final class OpsScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpsScheduler.class);
  private final Scheduler scheduler;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "patchwarden-scheduler");
    t.setDaemon(true);
    return t;
  });

  public OpsScheduler(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** Ticks every {@code tick} from now on; returns this. */
  public OpsScheduler start(java.time.Duration tick) {
    thread.scheduleWithFixedDelay(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void tick() {
    try {
      for (JobRun run : scheduler.runDue()) {
        if (run.ok()) {
          LOG.info("job {} on {}: {}", run.job(), run.node(), run.detail());
        } else {
          LOG.warn("job {} on {} FAILED: {}", run.job(), run.node(), run.detail());
        }
      }
    } catch (RuntimeException e) {
      // The next tick tries again (the database may be restarting); a thrown tick would end the schedule.
      LOG.warn("scheduler tick failed: {}", e.toString());
    }
  }

  /** This process, as leases and runs name it. */
  public static String nodeName() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "localhost";
    }
    return host + ":" + ProcessHandle.current().pid();
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
