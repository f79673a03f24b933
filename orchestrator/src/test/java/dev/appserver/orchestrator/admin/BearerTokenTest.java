package dev.appserver.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerTokenTest {
    private final BearerToken token = new BearerToken("0123456789abcdef");

    @Test
    void matchesOnlyTheSameTokenAfterTheBearerScheme() {
        assertThat(token.matches("Bearer 0123456789abcdef")).isTrue();
        assertThat(token.matches("bearer 0123456789abcdef")).isTrue();
        assertThat(token.matches("Bearer 0123456789abcdeF")).isFalse();
        assertThat(token.matches("Bearer 0123456789abcdef0")).isFalse();
        assertThat(token.matches("Bearer 0123456789abcde")).isFalse();
        assertThat(token.matches("Basic 0123456789abcdef")).isFalse();
        assertThat(token.matches("0123456789abcdef")).isFalse();
        assertThat(token.matches("Bearer ")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void refusesShortOrPaddedTokens() {
        assertThatThrownBy(() -> new BearerToken("short")).hasMessageContaining("at least 16 characters");
        assertThatThrownBy(() -> new BearerToken(" 0123456789abcdef")).hasMessageContaining("without surrounding spaces");
    }
}
