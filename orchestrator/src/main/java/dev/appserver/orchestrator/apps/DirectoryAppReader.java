package dev.appserver.orchestrator.apps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Reads an app from a directory. Symbolic links are followed only while they stay inside the
 * app directory (compared by real path), so an app cannot pull in {@code /etc/passwd} or the
 * orchestrator's own files as attachments; a link leading outside fails the load.
 */
final class DirectoryAppReader {
    private DirectoryAppReader() {}

    static AppFiles read(Path directory, AppFileCollector collector) throws AppLoadException {
        String app = directory.toString();
        try {
            Path realRoot = directory.toRealPath();
            Files.walkFileTree(directory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new Visitor(app, directory, realRoot, collector));
        } catch (UncheckedLoadException e) {
            throw e.getCause();
        } catch (FileSystemLoopException e) {
            throw new AppLoadException(app, "symbolic link loop at " + e.getFile(), e);
        } catch (IOException e) {
            throw new AppLoadException(app, "cannot be read (" + e.getMessage() + ")", e);
        }
        return collector.finish(false);
    }

    private static final class Visitor extends SimpleFileVisitor<Path> {
        private final String app;
        private final Path root;
        private final Path realRoot;
        private final AppFileCollector collector;

        Visitor(String app, Path root, Path realRoot, AppFileCollector collector) {
            this.app = app;
            this.root = root;
            this.realRoot = realRoot;
            this.collector = collector;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            ensureInside(dir);
            return name(dir).isPresent() ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
            Optional<String> name = name(file);
            // A link whose target is missing is reported with the link's own attributes: skip it.
            if (name.isEmpty() || !attributes.isRegularFile()) {
                return FileVisitResult.CONTINUE;
            }
            ensureInside(file);
            try (InputStream in = Files.newInputStream(file)) {
                collector.addFile(name.get(), in);
            } catch (AppLoadException e) {
                throw new UncheckedLoadException(e);
            }
            return FileVisitResult.CONTINUE;
        }

        private Optional<String> name(Path path) {
            String relative = root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
            try {
                return collector.accept(relative);
            } catch (AppLoadException e) {
                throw new UncheckedLoadException(e);
            }
        }

        private void ensureInside(Path path) throws IOException {
            if (!path.toRealPath().startsWith(realRoot)) {
                throw new UncheckedLoadException(new AppLoadException(app,
                        "'" + root.relativize(path) + "' is a symbolic link to a place outside the app"));
            }
        }
    }

    /** Carries a load error out of the {@link java.nio.file.FileVisitor} callbacks. */
    private static final class UncheckedLoadException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UncheckedLoadException(AppLoadException cause) {
            super(cause);
        }

        @Override
        public synchronized AppLoadException getCause() {
            return (AppLoadException) super.getCause();
        }
    }
}
