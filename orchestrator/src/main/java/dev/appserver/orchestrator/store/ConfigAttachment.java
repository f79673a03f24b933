package dev.appserver.orchestrator.store;

import static java.util.Objects.requireNonNull;

/**
 * A file attached to an app config, given to the app as {@code meta.attachments[key]}.
 *
 * @param contentType the file's media type
 * @param fileName the file's name as uploaded
 * @param contents the file's bytes (shared, not copied: do not modify)
 */
public record ConfigAttachment(String contentType, String fileName, byte[] contents) {
    public ConfigAttachment {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(fileName, "fileName is null");
        requireNonNull(contents, "contents is null");
    }
}
