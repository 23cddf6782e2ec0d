package org.cimlang.compiler.mapping;

import org.cimlang.compiler.ir.LayerKind;

/**
 * One layer in the schedule. Crossbar layers fill every field; digital layers only {@code digitalOps}
 * and {@code latencyS} (a folded batchnorm has neither and names {@code foldedInto}).
 *
 * @param mvmsPerReplica {@code ceil(mvms / replicate)}
 * @param cycles         array read steps per image on one copy: {@code mvmsPerReplica * stepsPerMvm}
 * @param latencyS       crossbar: {@code mvmsPerReplica * stepsPerMvm * stepLatency}; digital:
 *                       {@code ceil(ops / ops per cycle) / clock}
 */
public record LayerSchedule(String layer, LayerKind kind, boolean crossbar, long inputCycles, long rowRounds,
        long adcRounds, long stepsPerMvm, long mvms, long replicate, long mvmsPerReplica, long cycles,
        double stepLatencyS, double latencyS, double digitalOps, String foldedInto) {
}
