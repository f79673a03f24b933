package dev.appserver.worker.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SeccompProfileTest {
    static final Path PROFILE = Path.of("..", "seccomp", "appserver-worker.json").toAbsolutePath().normalize();

    private final Map<String, SeccompProfile.Rule> rulesByName;

    SeccompProfileTest() throws IOException {
        rulesByName = SeccompProfile.read(PROFILE).rules().stream()
                .flatMap(rule -> rule.names().stream().map(name -> Map.entry(name, rule)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void refusesEverySyscallTheIssueListsOutright() {
        List<String> refused = List.of("execve", "execveat", "fork", "vfork", "ptrace", "process_vm_readv",
                "process_vm_writev", "mount", "umount2", "unshare", "setns", "bpf", "perf_event_open", "keyctl",
                "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module");
        for (String name : refused) {
            SeccompProfile.Rule rule = rulesByName.get(name);
            assertThat(rule).as(name).isNotNull();
            assertThat(rule.action()).as(name).isEqualTo("SCMP_ACT_ERRNO");
            assertThat(rule.args()).as(name).isEmpty();
        }
    }

    @Test
    void refusesCloneWithoutCloneThreadAndClone3WithEnosys() {
        SeccompProfile.Rule clone = rulesByName.get("clone");
        assertThat(clone.action()).isEqualTo("SCMP_ACT_ERRNO");
        assertThat(clone.args()).containsExactly(new SeccompProfile.ArgCondition(0, 0x10000, 0, "SCMP_CMP_MASKED_EQ"));
        SeccompProfile.Rule clone3 = rulesByName.get("clone3");
        assertThat(clone3.errnoRet()).isEqualTo(38);
    }

    @Test
    void refusesSocketsOfEveryFamilyButUnix() {
        assertThat(rulesByName.get("socket").args())
                .containsExactly(new SeccompProfile.ArgCondition(0, 1, 0, "SCMP_CMP_NE"));
    }

    @Test
    void allowsByDefaultOnTheArchitecturesItWasWrittenFor() throws IOException {
        SeccompProfile profile = SeccompProfile.read(PROFILE);
        assertThat(profile.defaultAction()).isEqualTo("SCMP_ACT_ALLOW");
        assertThat(profile.architectures()).contains("SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64");
    }

    @Test
    void rejectsAProfileWithoutADefaultActionOrRuleAction() {
        assertThatThrownBy(() -> SeccompProfile.parse("{\"syscalls\": []}"))
                .isInstanceOf(IOException.class).hasMessageContaining("defaultAction");
        assertThatThrownBy(() -> SeccompProfile.parse(
                "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"bpf\"]}]}"))
                .isInstanceOf(IOException.class).hasMessageContaining("action");
    }

    @Test
    void mapsActionsAndComparisonsToLibseccompNumbersAndRefusesUnknownOnes() throws SeccompException {
        assertThat(SeccompFilter.action("SCMP_ACT_ERRNO", null)).isEqualTo(0x00050001);
        assertThat(SeccompFilter.action("SCMP_ACT_ERRNO", 38)).isEqualTo(0x00050026);
        assertThat(SeccompFilter.action("SCMP_ACT_ALLOW", null)).isEqualTo(0x7fff0000);
        assertThat(SeccompFilter.comparison("SCMP_CMP_MASKED_EQ")).isEqualTo(7);
        assertThatThrownBy(() -> SeccompFilter.action("SCMP_ACT_TRACE", null)).isInstanceOf(SeccompException.class);
        assertThatThrownBy(() -> SeccompFilter.comparison("SCMP_CMP_FOO")).isInstanceOf(SeccompException.class);
    }
}
