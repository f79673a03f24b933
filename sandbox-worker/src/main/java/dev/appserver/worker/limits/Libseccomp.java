package dev.appserver.worker.limits;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The few libseccomp functions the worker calls, bound through the FFM API to
 * {@code libseccomp.so.2}. One instance is one filter context: {@link #open} calls
 * {@code seccomp_init}, {@link #close} calls {@code seccomp_release}. Not thread-safe; used once,
 * from the worker's main thread, at start-up.
 */
final class Libseccomp implements AutoCloseable {
    /** {@code SCMP_FLTATR_CTL_TSYNC}: load the filter into every thread of the process. */
    static final int ATTR_TSYNC = 4;
    /** {@code __NR_SCMP_ERROR}: the name is not a syscall libseccomp knows. */
    static final int UNKNOWN_SYSCALL = -1;

    private static final Linker LINKER = Linker.nativeLinker();
    /** {@code struct scmp_arg_cmp}: unsigned int arg; enum scmp_compare op; uint64 datum_a, datum_b. */
    private static final long ARG_CMP_BYTES = 24;

    private final Arena arena = Arena.ofConfined();
    private final MethodHandle resolveName;
    private final MethodHandle ruleAddArray;
    private final MethodHandle attrSet;
    private final MethodHandle load;
    private final MethodHandle release;
    private final MemorySegment context;

    private Libseccomp(SymbolLookup library, int defaultAction) throws Throwable {
        resolveName = bind(library, "seccomp_syscall_resolve_name", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        ruleAddArray = bind(library, "seccomp_rule_add_array",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        attrSet = bind(library, "seccomp_attr_set", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
        load = bind(library, "seccomp_load", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        release = bind(library, "seccomp_release", FunctionDescriptor.ofVoid(ADDRESS));
        MethodHandle init = bind(library, "seccomp_init", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        context = (MemorySegment) init.invokeExact(defaultAction);
        if (context.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("seccomp_init failed");
        }
    }

    /**
     * Opens {@code libseccomp.so.2} and a new filter context with the given default action.
     *
     * @throws IllegalArgumentException when the library cannot be found
     */
    static Libseccomp open(int defaultAction) {
        SymbolLookup library = SymbolLookup.libraryLookup("libseccomp.so.2", Arena.global());
        try {
            return new Libseccomp(library, defaultAction);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** The native syscall number for a name, or {@link #UNKNOWN_SYSCALL}. */
    int resolve(String name) throws Throwable {
        return (int) resolveName.invokeExact(arena.allocateFrom(name));
    }

    /** Adds a rule; each condition is {arg index, SCMP_CMP_* number, datum a, datum b}. Returns 0 or -errno. */
    int addRule(int action, int syscall, long[][] conditions) throws Throwable {
        MemorySegment array = conditions.length == 0
                ? MemorySegment.NULL
                : arena.allocate(ARG_CMP_BYTES * conditions.length, 8);
        for (int i = 0; i < conditions.length; i++) {
            long base = i * ARG_CMP_BYTES;
            array.set(JAVA_INT, base, (int) conditions[i][0]);
            array.set(JAVA_INT, base + 4, (int) conditions[i][1]);
            array.set(JAVA_LONG, base + 8, conditions[i][2]);
            array.set(JAVA_LONG, base + 16, conditions[i][3]);
        }
        return (int) ruleAddArray.invokeExact(context, action, syscall, conditions.length, array);
    }

    int setAttribute(int attribute, int value) throws Throwable {
        return (int) attrSet.invokeExact(context, attribute, value);
    }

    /** Loads the filter into the kernel; from then on it cannot be removed. Returns 0 or -errno. */
    int load() throws Throwable {
        return (int) load.invokeExact(context);
    }

    @Override
    public void close() {
        try {
            release.invokeExact(context);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        } finally {
            arena.close();
        }
    }

    private static MethodHandle bind(SymbolLookup library, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = library.find(name)
                .orElseThrow(() -> new IllegalArgumentException("libseccomp has no " + name));
        return LINKER.downcallHandle(symbol, descriptor);
    }
}
