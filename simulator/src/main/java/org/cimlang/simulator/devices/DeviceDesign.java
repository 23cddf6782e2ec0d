package org.cimlang.simulator.devices;

import java.util.List;

import org.cimlang.compiler.ir.effects.NonIdealEffect;

/**
 * How a chip's cells are modelled, from its effects and the time since programming. A new device model is
 * one class implementing {@link DeviceModel} and a design that builds it; {@code LevelDevice::of} is the
 * default.
 */
@FunctionalInterface
public interface DeviceDesign {
    DeviceModel forChip(List<NonIdealEffect> effects, double timeS);
}
