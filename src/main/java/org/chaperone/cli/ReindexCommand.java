package org.chaperone.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.chaperone.config.ConfigException;
import org.chaperone.config.ConfigLoader;
import org.chaperone.config.GatewayConfig;
import org.chaperone.index.IndexModule;
import org.chaperone.index.Reindexer;
import org.chaperone.pipeline.Messages;
import org.chaperone.store.MongoStore;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code scripts/reindex}: rebuilds the message search index from MongoDB (the configured database, or
 * the embedded one under the data directory) with a progress bar on stderr and the count at the end.
 * The gateway must be stopped: a running gateway keeps its index current itself, and rebuilds it at
 * start when it is missing or corrupt.
 */
public final class ReindexCommand {
    private ReindexCommand() {}

    public static void main(String[] args) {
        if (args.length > 0) {
            System.out.println("""
                    Usage: scripts/reindex
                      Rebuilds the message search index (dataDir/index/messages) from MongoDB. Stop the gateway first.""");
            System.exit(args[0].equals("--help") || args[0].equals("help") ? 0 : 2);
        }
        try {
            System.exit(run(ConfigLoader.load(), System.out, System.err));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }

    /** Returns the exit status: 0 when rebuilt, 1 when refused or failed (the reason is on {@code err}). */
    public static int run(GatewayConfig config, PrintStream out, PrintStream err) {
        Path path = IndexModule.location(config.dataPath());
        try (MongoStore store = AdminCommand.open(config)) {
            var messages = store.collection(Messages.COLLECTION);
            long total = messages.estimatedDocumentCount();
            Reindexer.Rebuilt done;
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Indexing messages").setInitialMax(total)
                    .setConsumer(new ConsoleProgressBarConsumer(err, 100)).setUpdateIntervalMillis(500)
                    .showSpeed().build()) {
                done = Reindexer.rebuild(messages, path, bar::stepTo);
                bar.maxHint(done.messages());
                bar.stepTo(done.messages());
            }
            out.printf("Indexed %d messages in %.1f s (%.0f messages/s); the index at %s takes %.1f MB.%n",
                    done.messages(), done.took().toMillis() / 1000.0,
                    done.messages() / Math.max(0.001, done.took().toMillis() / 1000.0), done.path(), done.bytes() / 1e6);
            return 0;
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            err.println("Not rebuilt: " + e.getMessage());
            return 1;
        }
    }
}
