package dev.appserver.orchestrator.hostservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AppCache} does, with Redis's semantics and Redis's error texts, run against
 * each implementation by a subclass that supplies an empty cache and a way to let time pass.
 */
public abstract class AppCacheContract {
    static final String WRONG_TYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    static final String OVERFLOW = "ERR increment or decrement would overflow";
    private static final String NS = "@plugin/9/2/";
    private static final String OTHER_NS = "@plugin/9/3/";

    private AppCache cache;

    /** An empty cache. */
    protected abstract AppCache newCache() throws Exception;

    /** Lets {@code ttl} pass for the cache (moves its clock, or waits for the server) until {@code expired} holds. */
    protected abstract void afterTtl(Duration ttl, Callable<Boolean> expired) throws Exception;

    @BeforeEach
    void createCache() throws Exception {
        cache = newCache();
    }

    @Test
    void setAndGetStrings() {
        assertThat(cache.get(NS, "k")).isNull();

        cache.set(NS, "k", "{\"b\":1,\"a\":2}", 0);
        assertThat(cache.get(NS, "k")).isEqualTo("{\"b\":1,\"a\":2}");
        cache.set(NS, "k", "", 0);
        assertThat(cache.get(NS, "k")).isEmpty();
    }

    @Test
    void theSameKeyInTwoNamespacesIsTwoKeys() {
        cache.set(NS, "k", "mine", 0);
        cache.set(OTHER_NS, "k", "theirs", 0);
        cache.lpush(NS, "list", List.of("a"));

        assertThat(cache.get(NS, "k")).isEqualTo("mine");
        assertThat(cache.get(OTHER_NS, "k")).isEqualTo("theirs");
        assertThat(cache.incr(OTHER_NS, "list", 5)).isEqualTo(5);
        assertThat(cache.llen(OTHER_NS, "k2")).isZero();
        assertThat(cache.expire(OTHER_NS, "k", 0)).isTrue();
        assertThat(cache.get(NS, "k")).isEqualTo("mine");
        assertThat(cache.lrange(NS, "list", 0, -1)).containsExactly("a");
    }

    @Test
    void incrAddsToAMissingOrIntegerValue() {
        assertThat(cache.incr(NS, "n", 1)).isEqualTo(1);
        assertThat(cache.incr(NS, "n", 41)).isEqualTo(42);
        assertThat(cache.incr(NS, "n", -50)).isEqualTo(-8);
        assertThat(cache.get(NS, "n")).isEqualTo("-8");
        cache.set(NS, "text", "12", 0);
        assertThat(cache.incr(NS, "text", 1)).isEqualTo(13);
    }

    @Test
    void incrFailsInRedisWordsOnWhatIsNotAnInteger() {
        cache.set(NS, "text", "abc", 0);
        cache.set(NS, "float", "1.5", 0);
        cache.set(NS, "max", Long.toString(Long.MAX_VALUE), 0);
        cache.lpush(NS, "list", List.of("a"));

        assertThatThrownBy(() -> cache.incr(NS, "text", 1)).isInstanceOf(IllegalStateException.class).hasMessage(NOT_INTEGER);
        assertThatThrownBy(() -> cache.incr(NS, "float", 1)).isInstanceOf(IllegalStateException.class).hasMessage(NOT_INTEGER);
        assertThatThrownBy(() -> cache.incr(NS, "max", 1)).isInstanceOf(IllegalStateException.class).hasMessage(OVERFLOW);
        assertThatThrownBy(() -> cache.incr(NS, "list", 1)).isInstanceOf(IllegalStateException.class).hasMessage(WRONG_TYPE);
        assertThat(cache.get(NS, "text")).isEqualTo("abc");
        assertThat(cache.get(NS, "max")).isEqualTo(Long.toString(Long.MAX_VALUE));
    }

    @Test
    void expireOfAMissingKeyIsFalseAndANonPositiveTtlDeletes() {
        cache.set(NS, "k", "v", 0);
        cache.lpush(NS, "list", List.of("a"));

        assertThat(cache.expire(NS, "missing", 10)).isFalse();
        assertThat(cache.expire(NS, "k", 0)).isTrue();
        assertThat(cache.expire(NS, "list", -1)).isTrue();
        assertThat(cache.get(NS, "k")).isNull();
        assertThat(cache.llen(NS, "list")).isZero();
        assertThat(cache.expire(NS, "k", 10)).isFalse();
    }

    @Test
    void keysExpireAfterTheirTtlAndASetWithoutOneClearsIt() throws Exception {
        cache.set(NS, "gone", "1", 1);
        cache.set(NS, "cleared", "2", 1);
        cache.set(NS, "cleared", "3", 0);
        cache.set(NS, "expired", "4", 0);
        assertThat(cache.expire(NS, "expired", 1)).isTrue();
        cache.set(NS, "counter", "5", 1);
        assertThat(cache.incr(NS, "counter", 1)).as("incr keeps the TTL").isEqualTo(6);
        cache.lpush(NS, "list", List.of("a"));
        assertThat(cache.expire(NS, "list", 1)).isTrue();
        assertThat(cache.get(NS, "gone")).isEqualTo("1");

        afterTtl(Duration.ofSeconds(1), () -> cache.get(NS, "gone") == null && cache.get(NS, "expired") == null
                && cache.get(NS, "counter") == null && cache.llen(NS, "list") == 0);

        assertThat(cache.get(NS, "cleared")).isEqualTo("3");
        assertThat(cache.incr(NS, "counter", 1)).as("a new key").isEqualTo(1);
    }

    @Test
    void lpushPutsEachValueAtTheHeadInTurn() {
        assertThat(cache.lpush(NS, "list", List.of("a", "b"))).isEqualTo(2);
        assertThat(cache.lpush(NS, "list", List.of("c"))).isEqualTo(3);
        assertThat(cache.lpush(NS, "list", List.of())).as("nothing pushed: the length").isEqualTo(3);

        assertThat(cache.lrange(NS, "list", 0, -1)).containsExactly("c", "b", "a");
        assertThat(cache.llen(NS, "list")).isEqualTo(3);
    }

    @Test
    void lrangeIsInclusiveAndCountsNegativeIndexesFromTheEnd() {
        cache.lpush(NS, "list", List.of("e", "d", "c", "b", "a"));

        assertThat(cache.lrange(NS, "list", 1, 2)).containsExactly("b", "c");
        assertThat(cache.lrange(NS, "list", -2, -1)).containsExactly("d", "e");
        assertThat(cache.lrange(NS, "list", -100, 100)).containsExactly("a", "b", "c", "d", "e");
        assertThat(cache.lrange(NS, "list", 3, 1)).isEmpty();
        assertThat(cache.lrange(NS, "list", 5, 10)).isEmpty();
        assertThat(cache.lrange(NS, "missing", 0, -1)).isEmpty();
    }

    @Test
    void lpopTakesUpToCountFromTheHeadAndAnEmptiedListIsGone() {
        cache.lpush(NS, "list", List.of("c", "b", "a"));

        assertThat(cache.lpop(NS, "list", 1)).containsExactly("a");
        assertThat(cache.lpop(NS, "list", 0)).isEmpty();
        assertThat(cache.lpop(NS, "list", 5)).containsExactly("b", "c");
        assertThat(cache.lpop(NS, "list", 1)).isEmpty();
        assertThat(cache.lpop(NS, "missing", 3)).isEmpty();
        assertThat(cache.get(NS, "list")).as("no empty list is left behind").isNull();
    }

    @Test
    void lremRemovesFromTheHeadTheTailOrEverywhere() {
        cache.lpush(NS, "list", List.of("x", "a", "x", "b", "x", "c", "x"));  // x c x b x a x

        assertThat(cache.lrem(NS, "list", 1, "x")).isEqualTo(1);   // c x b x a x
        assertThat(cache.lrem(NS, "list", -2, "x")).isEqualTo(2);  // c x b a
        assertThat(cache.lrange(NS, "list", 0, -1)).containsExactly("c", "x", "b", "a");
        assertThat(cache.lrem(NS, "list", 0, "x")).isEqualTo(1);
        assertThat(cache.lrem(NS, "list", 0, "nothing")).isZero();
        assertThat(cache.lrem(NS, "missing", 0, "x")).isZero();
        assertThat(cache.lrange(NS, "list", 0, -1)).containsExactly("c", "b", "a");
        assertThat(cache.lrem(NS, "list", 0, "c") + cache.lrem(NS, "list", 0, "b") + cache.lrem(NS, "list", 0, "a"))
                .isEqualTo(3);
        assertThat(cache.get(NS, "list")).as("no empty list is left behind").isNull();
    }

    @Test
    void listOperationsOnAStringAndStringOperationsOnAListFailInRedisWords() {
        cache.set(NS, "string", "v", 0);
        cache.lpush(NS, "list", List.of("a"));

        assertThatThrownBy(() -> cache.get(NS, "list")).isInstanceOf(IllegalStateException.class).hasMessage(WRONG_TYPE);
        assertThatThrownBy(() -> cache.lpush(NS, "string", List.of("a"))).hasMessage(WRONG_TYPE);
        assertThatThrownBy(() -> cache.lrange(NS, "string", 0, -1)).hasMessage(WRONG_TYPE);
        assertThatThrownBy(() -> cache.llen(NS, "string")).hasMessage(WRONG_TYPE);
        assertThatThrownBy(() -> cache.lpop(NS, "string", 1)).hasMessage(WRONG_TYPE);
        assertThatThrownBy(() -> cache.lrem(NS, "string", 0, "v")).hasMessage(WRONG_TYPE);
        assertThat(cache.get(NS, "string")).isEqualTo("v");
    }

    @Test
    void setReplacesAListWithAString() {
        cache.lpush(NS, "k", List.of("a"));

        cache.set(NS, "k", "v", 0);

        assertThat(cache.get(NS, "k")).isEqualTo("v");
    }
}
