package dev.appserver.orchestrator.bench;

import java.util.List;

/** The median the bench reports of several runs: the middle value, or the mean of the middle two. */
public final class Median {
    private Median() {}

    /** @return the median of {@code values}, NaN when there are none */
    public static double of(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
