package chainatlas;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Chain Atlas test/dev server: Neo4j 5.26 LTS Community, in-process, via Neo4j's
 * own test harness. Bolt only (HTTP off) on a random port bound to 127.0.0.1,
 * auth off, data in a temporary directory deleted on stop.
 *
 * <p>Prints {@code NEO4J_URI=bolt://127.0.0.1:PORT} on a line of its own once Bolt
 * accepts connections; everything else goes to stderr. Stops on SIGTERM/SIGINT
 * (shutdown hook) and, with {@code --stop-on-stdin-close}, when its stdin closes
 * (so a parent that dies without signalling does not leave it running).
 *
 * <p>Environment: {@code NEO4J_PAGECACHE} page cache size (default {@code 64m}),
 * {@code NEO4J_BOLT_PORT} fixed port (default 0 = random), {@code NEO4J_DATA_DIR}
 * a data directory to start on instead of the temporary one (e.g. {@code
 * <NEO4J_HOME>/data} after {@code neo4j-admin database import full}: the
 * imported {@code neo4j} database is served in place, not copied, and is
 * kept on stop).
 */
public final class Neo4jTestServer {
  private Neo4jTestServer() {}

  public static void main(String[] args) throws Exception {
    boolean stopOnStdinClose = false;
    for (String a : args) {
      if (a.equals("--stop-on-stdin-close")) stopOnStdinClose = true;
      else {
        System.err.println("unknown argument: " + a + " (known: --stop-on-stdin-close)");
        System.exit(2);
      }
    }
    int port = Integer.parseInt(env("NEO4J_BOLT_PORT", "0"));
    long pageCache = parseBytes(env("NEO4J_PAGECACHE", "64m"));

    String dataDir = env("NEO4J_DATA_DIR", "");

    long started = System.nanoTime();
    Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder();
    if (!dataDir.isEmpty()) {
      Path data = Path.of(dataDir).toAbsolutePath();
      if (!Files.isDirectory(data)) {
        System.err.println("neo4j-test-server: NEO4J_DATA_DIR is not a directory: " + data);
        System.exit(2);
      }
      builder = builder.withConfig(GraphDatabaseSettings.data_directory, data);
      System.err.println("neo4j-test-server: data directory " + data);
    }
    Neo4j neo4j =
        builder
            .withDisabledServer()
            .withConfig(BoltConnector.enabled, true)
            .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .withConfig(GraphDatabaseSettings.auth_enabled, false)
            .withConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
            // A test server: no 2 × 5 s graceful quiet period for Netty on stop.
            .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.err.println("neo4j-test-server: stopping");
                  long t0 = System.nanoTime();
                  try {
                    neo4j.close();
                    System.err.printf("neo4j-test-server: stopped in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                  } catch (RuntimeException e) {
                    System.err.println("neo4j-test-server: error while stopping: " + e);
                  }
                  stopped.countDown();
                },
                "neo4j-test-server-shutdown"));

    URI bolt = neo4j.boltURI();
    waitForBolt(bolt);
    System.err.printf(
        "neo4j-test-server: Neo4j %s ready in %d ms%n",
        org.neo4j.kernel.internal.Version.getNeo4jVersion(), (System.nanoTime() - started) / 1_000_000);
    // The one line on stdout: parents parse it.
    System.out.println("NEO4J_URI=bolt://" + bolt.getHost() + ":" + bolt.getPort());
    System.out.flush();

    if (stopOnStdinClose) {
      Thread watcher =
          new Thread(
              () -> {
                try (InputStream in = System.in) {
                  byte[] buf = new byte[256];
                  while (in.read(buf) >= 0) {
                    // discard; we only care about EOF
                  }
                } catch (IOException ignored) {
                  // treat as closed
                }
                System.err.println("neo4j-test-server: stdin closed");
                System.exit(0); // runs the shutdown hook
              },
              "neo4j-test-server-stdin");
      watcher.setDaemon(true);
      watcher.start();
    }
    stopped.await();
  }

  /** The harness returns once the DBMS is started; still check the socket before announcing. */
  private static void waitForBolt(URI bolt) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(bolt.getHost(), bolt.getPort()), 1_000);
        return;
      } catch (IOException e) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("Bolt did not accept connections at " + bolt, e);
        }
        Thread.sleep(100);
      }
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v.trim();
  }

  private static long parseBytes(String s) {
    String v = s.toLowerCase();
    long mult = 1;
    if (v.endsWith("k")) mult = 1L << 10;
    else if (v.endsWith("m")) mult = 1L << 20;
    else if (v.endsWith("g")) mult = 1L << 30;
    if (mult != 1) v = v.substring(0, v.length() - 1);
    return Long.parseLong(v) * mult;
  }
}
