package dev.appserver.worker.limits;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Turns a {@link SeccompProfile} into a libseccomp filter and loads it into the calling process,
 * on every thread (TSYNC). Once loaded it stays for the life of the process: the worker calls
 * {@link #install} once, after binding its socket and before serving any app. Not thread-safe.
 *
 * <p>This class and the profile file are the whole seccomp boundary: every action and comparison
 * the profile may use is mapped here, and anything else fails the install rather than being
 * skipped.
 */
public final class SeccompFilter {
    private static final int EPERM = 1;

    private final SeccompProfile profile;

    public SeccompFilter(SeccompProfile profile) {
        this.profile = requireNonNull(profile, "profile is null");
    }

    /** Loads the filter; throws with a reason when it cannot be built or loaded (nothing is then in force). */
    public void install() throws SeccompException {
        String arch = nativeArchitecture();
        if (!profile.architectures().isEmpty() && !profile.architectures().contains(arch)) {
            throw new SeccompException("the profile does not cover this machine's architecture " + arch);
        }
        Libseccomp library;
        try {
            library = Libseccomp.open(action(profile.defaultAction(), null));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new SeccompException("libseccomp.so.2 is not usable: " + e.getMessage());
        } catch (IllegalCallerException e) {
            throw new SeccompException("native access is not enabled; start the worker JVM with "
                    + "--enable-native-access=ALL-UNNAMED");
        }
        try (library) {
            for (SeccompProfile.Rule rule : profile.rules()) {
                int action = action(rule.action(), rule.errnoRet());
                long[][] conditions = conditions(rule.args());
                for (String name : rule.names()) {
                    int syscall = library.resolve(name);
                    if (syscall == Libseccomp.UNKNOWN_SYSCALL) {
                        throw new SeccompException("libseccomp does not know the syscall " + name);
                    }
                    check(library.addRule(action, syscall, conditions), "adding the rule for " + name);
                }
            }
            check(library.setAttribute(Libseccomp.ATTR_TSYNC, 1), "asking for TSYNC");
            check(library.load(), "seccomp_load");
        } catch (SeccompException e) {
            throw e;
        } catch (Throwable e) {
            throw new SeccompException("libseccomp call failed: " + e);
        }
    }

    static String nativeArchitecture() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "SCMP_ARCH_X86_64";
            case "aarch64" -> "SCMP_ARCH_AARCH64";
            case String other -> "unsupported:" + other;
        };
    }

    /** The libseccomp action number for an OCI action name; {@code errnoRet} defaults to EPERM. */
    static int action(String name, Integer errnoRet) throws SeccompException {
        return switch (name) {
            case "SCMP_ACT_ALLOW" -> 0x7fff0000;
            case "SCMP_ACT_ERRNO" -> 0x00050000 | ((errnoRet == null ? EPERM : errnoRet) & 0xffff);
            case "SCMP_ACT_KILL_PROCESS" -> 0x80000000;
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> 0;
            case "SCMP_ACT_LOG" -> 0x7ffc0000;
            default -> throw new SeccompException("unsupported seccomp action " + name);
        };
    }

    static int comparison(String op) throws SeccompException {
        return switch (op) {
            case "SCMP_CMP_NE" -> 1;
            case "SCMP_CMP_LT" -> 2;
            case "SCMP_CMP_LE" -> 3;
            case "SCMP_CMP_EQ" -> 4;
            case "SCMP_CMP_GE" -> 5;
            case "SCMP_CMP_GT" -> 6;
            case "SCMP_CMP_MASKED_EQ" -> 7;
            default -> throw new SeccompException("unsupported seccomp comparison " + op);
        };
    }

    private static long[][] conditions(List<SeccompProfile.ArgCondition> args) throws SeccompException {
        long[][] conditions = new long[args.size()][];
        for (int i = 0; i < conditions.length; i++) {
            SeccompProfile.ArgCondition arg = args.get(i);
            if (arg.index() < 0 || arg.index() > 5) {
                throw new SeccompException("argument index out of range: " + arg.index());
            }
            conditions[i] = new long[] {arg.index(), comparison(arg.op()), arg.value(), arg.valueTwo()};
        }
        return conditions;
    }

    private static void check(int result, String what) throws SeccompException {
        if (result != 0) {
            throw new SeccompException(what + " failed: errno " + -result);
        }
    }
}
