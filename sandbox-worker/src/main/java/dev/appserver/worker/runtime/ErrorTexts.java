package dev.appserver.worker.runtime;

import java.math.BigDecimal;
import java.time.Duration;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;

/** The texts users read about app errors. */
final class ErrorTexts {
    private ErrorTexts() {}

    /** PostHog's wording, with the limit as the user gave it ("2", "0.5", "30"). */
    static String timeout(Duration limit) {
        String seconds = BigDecimal.valueOf(limit.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
        return "Script execution timed out after " + seconds + " seconds";
    }

    /** "SyntaxError: ... (index.js:3:28)" for syntax errors, the JS error's text otherwise. */
    static String describe(PolyglotException e, String fileName) {
        String message = e.getMessage() == null ? "unknown error" : e.getMessage();
        if (e.isSyntaxError()) {
            SourceSection at = e.getSourceLocation();
            String where = at == null ? "" : " (" + fileName + ":" + at.getStartLine() + ":" + at.getStartColumn() + ")";
            // GraalJS prefixes the message with "<file>:<line>:<col> "; keep only the reason.
            String reason = message.replaceFirst("^\\S+:\\d+:\\d+ ", "");
            return "SyntaxError: " + reason.lines().findFirst().orElse(reason) + where;
        }
        if (e.isResourceExhausted()) {
            return "RangeError: " + message;
        }
        if (e.isHostException()) {
            return "Error: " + message;
        }
        return message;
    }
}
