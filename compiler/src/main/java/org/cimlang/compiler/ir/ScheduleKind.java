package org.cimlang.compiler.ir;

public enum ScheduleKind {
    /** all layers resident, one image per stage: throughput = slowest stage, latency = sum */
    PIPELINE,
    /** one layer at a time: throughput = 1 / latency */
    SEQUENTIAL
}
