package org.cimlang.simulator.devices;

/** What a chip's post-fabrication test finds in one cell. */
public enum CellFault {
    /** The cell can be programmed. */
    NONE,
    /** Stuck in the off state (high resistance): it conducts as level 0 does. */
    OFF,
    /** Stuck at the highest level (low resistance). */
    MAX
}
