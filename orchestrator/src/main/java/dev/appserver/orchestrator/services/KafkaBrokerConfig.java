package dev.appserver.orchestrator.services;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The configuration of the single-node KRaft broker: one process that is both broker and
 * controller, sized for a small machine, with every replication factor at 1 (transactions need
 * their state topic to accept that) and no automatic topic creation, since the orchestrator creates
 * its topics itself ({@link KafkaTopics}).
 */
final class KafkaBrokerConfig {
    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private KafkaBrokerConfig() {
    }

    static Properties singleNode(Path logDirectory, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        // A static quorum of one: nothing about the controller's address is stored in the log, so
        // its port can be a different free one on every start.
        p.setProperty("controller.quorum.voters", NODE_ID + "@" + LoopbackPorts.HOST + ":" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://" + LoopbackPorts.HOST + ":" + port + ","
                + CONTROLLER_LISTENER + "://" + LoopbackPorts.HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + LoopbackPorts.HOST + ":" + port);
        p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.setProperty("log.dirs", logDirectory.toString());

        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "10");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // One member joins at a time here; waiting for more only delays every consumer's start.
        p.setProperty("group.initial.rebalance.delay.ms", "0");

        // Sized for two cores: fewer threads, 64 MiB segments, and a 16 MiB compaction buffer for
        // the compacted offsets topic instead of the default 128 MiB of heap.
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "4");
        p.setProperty("background.threads", "4");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        p.setProperty("log.cleaner.threads", "1");
        p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        p.setProperty("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        return p;
    }
}
