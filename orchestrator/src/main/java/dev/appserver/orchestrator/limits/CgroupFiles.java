package dev.appserver.orchestrator.limits;

import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and writes the kernel's cgroup interface files. A write never creates a file: on a
 * cgroup file system the kernel makes them, and a missing one means its controller is not
 * enabled for the group.
 */
final class CgroupFiles {
    private CgroupFiles() {
    }

    static void write(Path directory, String file, String value) throws IOException {
        Path path = directory.resolve(file);
        try {
            Files.writeString(path, value, WRITE, TRUNCATE_EXISTING);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "no such cgroup file (is its controller enabled here?)");
        } catch (IOException e) {
            throw new IOException("cannot write " + value.strip() + " to " + path + ": " + cause(e), e);
        }
    }

    /** Writes {@code file} if the kernel offers it (e.g. swap accounting may be off). */
    static boolean writeIfPresent(Path directory, String file, String value) throws IOException {
        if (!Files.exists(directory.resolve(file))) {
            return false;
        }
        write(directory, file, value);
        return true;
    }

    static String read(Path directory, String file) throws IOException {
        return Files.readString(directory.resolve(file));
    }

    /**
     * Makes a group directory in an existing {@code parent}; the kernel fills it with the interface
     * files. A group that exists already is reused (its limits are written again).
     */
    static Path makeGroup(Path parent, String name) throws IOException {
        Path group = parent.resolve(name);
        try {
            Files.createDirectory(group);
        } catch (FileAlreadyExistsException e) {
            // Left by an earlier run of this code, or made by a test's fake kernel.
        } catch (IOException e) {
            throw new IOException("cannot create cgroup " + group + ": " + cause(e), e);
        }
        return group;
    }

    /**
     * Proves that this process may make groups in {@code parent} by making one and removing it:
     * a parent that exists already (made by root, or by another orchestrator) proves nothing.
     */
    static void probe(Path parent, String prefix) throws IOException {
        Path probe = parent.resolve(prefix + "probe");
        try {
            Files.createDirectory(probe);
        } catch (IOException e) {
            throw new IOException("cannot create cgroup " + probe + ": " + cause(e), e);
        }
        Files.delete(probe);
    }

    /** Removes an empty group; a group still in use, or already gone, stays as it is. */
    static void removeQuietly(Path group) {
        try {
            Files.deleteIfExists(group);
        } catch (IOException e) {
            // Busy (another orchestrator's workers) or not ours to remove.
        }
    }

    /**
     * Removes the groups that orchestrators no longer alive left in {@code parent} (killed
     * before they could clean up; their workers exited with them). Names start with the pid.
     */
    static void removeLeftovers(Path parent) {
        try (var children = Files.list(parent)) {
            children.filter(Files::isDirectory)
                    .filter(child -> ownerPid(child.getFileName().toString()).map(pid -> !alive(pid)).orElse(false))
                    .forEach(CgroupFiles::removeQuietly);
        } catch (IOException e) {
            // Leftovers are harmless empty groups.
        }
    }

    private static Optional<Long> ownerPid(String name) {
        int dash = name.indexOf('-');
        if (dash <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(name.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The failure of an operation on a path the message names already. */
    private static String cause(IOException e) {
        if (e instanceof FileSystemException failure) {
            return failure.getReason() != null ? failure.getReason() : reason(e).replace(" (" + failure.getFile() + ")", "");
        }
        return reason(e);
    }

    /** What went wrong, for a person: the JDK leaves the reason out of some exceptions' messages. */
    static String reason(IOException e) {
        if (e instanceof FileSystemException failure && failure.getReason() == null) {
            String what = switch (failure) {
                case AccessDeniedException denied -> "permission denied";
                case NoSuchFileException missing -> "no such file or directory";
                default -> failure.getClass().getSimpleName();
            };
            return failure.getFile() == null ? what : what + " (" + failure.getFile() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
